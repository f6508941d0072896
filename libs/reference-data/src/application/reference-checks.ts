import type { InputIssue } from '../reference-data.errors';
import type { ReferenceIndex } from '../index/reference-index';
import type { ReferenceKind } from '../reference-kinds';

/** Checks that may refuse read the record's stream tail (see ReferenceIndex.get). */
const FRESH = { fresh: true };

/**
 * The checks one record's command makes against other records before it is decided. Deciders
 * are pure and see one stream; these read the index (with a direct read on a miss) and return
 * issues located by JSON path, so the caller refuses the command and writes nothing.
 */
export class ReferenceChecks {
  private readonly issues: InputIssue[] = [];
  private readonly pending: Promise<void>[] = [];

  constructor(private readonly index: ReferenceIndex) {}

  /** The record must exist (and pass `usable`, which says why not when it is not). */
  expect<K extends ReferenceKind>(path: string, kind: K, id: unknown, usable?: (record: NonNullable<Awaited<ReturnType<ReferenceIndex['get']>>>) => string | undefined): this {
    if (typeof id !== 'string') return this;
    this.pending.push(
      this.index.get(kind, id, FRESH).then((record) => {
        if (!record) this.issues.push({ path, message: `unknown ${kind} '${id}'` });
        else {
          const why = usable?.(record);
          if (why) this.issues.push({ path, message: `${kind} '${id}' ${why}` });
        }
      }),
    );
    return this;
  }

  activeUser(path: string, id: unknown): this {
    return this.expect(path, 'user', id, (u) => ((u as { active: boolean }).active ? undefined : 'is inactive'));
  }

  unretiredService(path: string, id: unknown): this {
    return this.expect(path, 'service', id, (s) => ((s as { stage: string }).stage === 'retired' ? 'is retired' : undefined));
  }

  /** A check of its own: `check` resolves to a message when the value cannot be used. */
  when(path: string, check: () => Promise<string | undefined>): this {
    this.pending.push(check().then((message) => void (message && this.issues.push({ path, message }))));
    return this;
  }

  add(issue: InputIssue): this {
    this.issues.push(issue);
    return this;
  }

  async result(): Promise<InputIssue[]> {
    await Promise.all(this.pending);
    return [...this.issues].sort((a, b) => a.path.localeCompare(b.path));
  }
}
