/** A binary min-heap of (instant, key): the next clock to look at is always on top. */
export class DueHeap {
  private readonly at: number[] = [];
  private readonly keys: string[] = [];
  private readonly gens: number[] = [];

  get size(): number {
    return this.at.length;
  }

  peek(): { at: number; key: string; gen: number } | undefined {
    return this.at.length ? { at: this.at[0], key: this.keys[0], gen: this.gens[0] } : undefined;
  }

  push(at: number, key: string, gen: number): void {
    this.at.push(at);
    this.keys.push(key);
    this.gens.push(gen);
    let i = this.at.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.at[p] <= this.at[i]) break;
      this.swap(i, p);
      i = p;
    }
  }

  pop(): { at: number; key: string; gen: number } | undefined {
    const top = this.peek();
    if (!top) return undefined;
    const last = this.at.length - 1;
    this.swap(0, last);
    this.at.pop();
    this.keys.pop();
    this.gens.pop();
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < this.at.length && this.at[l] < this.at[m]) m = l;
      if (r < this.at.length && this.at[r] < this.at[m]) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
    return top;
  }

  private swap(a: number, b: number): void {
    [this.at[a], this.at[b]] = [this.at[b], this.at[a]];
    [this.keys[a], this.keys[b]] = [this.keys[b], this.keys[a]];
    [this.gens[a], this.gens[b]] = [this.gens[b], this.gens[a]];
  }
}
