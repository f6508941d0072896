import { notebookDecider, type NotebookCommand } from '@itil/engine/testing/notebook-decider';
import type { Command, Decider } from '@itil/engine';
import type { Reactor } from '../reactor';

/**
 * A reactor for the runner's tests: every note taken in `notebook-source` is copied into one of
 * three mirror notebooks (by its sequence number). `failOn` makes reacting to that text throw a
 * non-domain error (a broken dependency) until it is cleared.
 */
export const MIRRORS = ['notebook-mirror-0', 'notebook-mirror-1', 'notebook-mirror-2'];

export function mirrorReactor(options: { failOn?: { text: string | null } } = {}): Reactor {
  return {
    name: 'mirror',
    filter: { streamNamePrefixes: ['notebook-source'] },
    react: (event) => {
      if (event.type !== 'NoteTaken') return [];
      const { seq, text } = event.data as { seq: number; text: string };
      if (options.failOn?.text === text) throw new Error(`mirror dependency unavailable for ${text}`);
      const command: Omit<NotebookCommand, 'metadata'> = { type: 'Note', data: { text: `copy of ${text}` } };
      return [{ streamId: MIRRORS[seq % 3], decider: notebookDecider as unknown as Decider<Command, never, unknown>, command }];
    },
  };
}
