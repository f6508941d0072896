/**
 * Interleaved repetitions: every contender runs once per round, in the same order, so a slow
 * phase of the machine (another process, a thermal dip) touches all of them alike. Figures are
 * medians with their min..max over the rounds.
 */
export interface Contender {
  label: string;
  /** Returns the figure of one repetition (operations per second, or a latency). */
  run: () => Promise<number>;
  /** The baseline a ratio is computed against (its label), if any. */
  baseline?: string;
  /** Extra facts measured alongside (batch sizes, p99 ...), from the last repetition. */
  notes?: () => string | undefined;
  /** The same facts as data, for the results file (e.g. batch sizes), from the last repetition. */
  details?: () => Record<string, unknown> | undefined;
}

export interface Figure {
  label: string;
  median: number;
  min: number;
  max: number;
  samples: number[];
  baseline?: string;
  ratio?: number;
  note?: string;
  details?: Record<string, unknown>;
}

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

export async function interleaved(contenders: Contender[], rounds: number, onProgress?: (text: string) => void): Promise<Figure[]> {
  const samples = new Map<string, number[]>(contenders.map((c) => [c.label, []]));
  for (let round = 1; round <= rounds; round++) {
    for (const contender of contenders) {
      onProgress?.(`round ${round}/${rounds}: ${contender.label}`);
      samples.get(contender.label)!.push(await contender.run());
    }
  }
  const figures = contenders.map((c): Figure => {
    const values = samples.get(c.label)!;
    return { label: c.label, median: median(values), min: Math.min(...values), max: Math.max(...values), samples: values, baseline: c.baseline, note: c.notes?.(), details: c.details?.() };
  });
  for (const figure of figures) {
    const base = figures.find((f) => f.label === figure.baseline);
    if (base) figure.ratio = figure.median / base.median;
  }
  return figures;
}
