import type { Command, Decider } from '../pipeline/decider';
import { knowsTypes } from '../pipeline/decider';
import type { DomainEvent } from '../envelope/event-envelope';

/**
 * A tiny generic process for the engine's own tests: a notebook is opened, takes numbered
 * notes (each decided from the state: seq = notes so far + 1) and is closed.
 */
export type NotebookEvent =
  | DomainEvent<'NotebookOpened', { title: string }>
  | DomainEvent<'NoteTaken', { seq: number; text: string }>
  | DomainEvent<'NotebookClosed', { reason: string }>;
export type NotebookCommand = Command<'Open', { title: string }> | Command<'Note', { text: string }> | Command<'Close', { reason: string }>;
export interface Notebook {
  opened: boolean;
  closed: boolean;
  title: string;
  notes: number;
  lastText: string | null;
}

export class NotebookRefusedError extends Error {
  readonly code = 'NOTEBOOK.NOT_ALLOWED';
}

export const notebookDecider: Decider<NotebookCommand, NotebookEvent, Notebook> = {
  initialState: () => ({ opened: false, closed: false, title: '', notes: 0, lastText: null }),
  knows: knowsTypes<NotebookEvent>(['NotebookOpened', 'NoteTaken', 'NotebookClosed']),
  evolve: (s, e) => {
    switch (e.type) {
      case 'NotebookOpened':
        return { ...s, opened: true, title: e.data.title };
      case 'NoteTaken':
        return { ...s, notes: e.data.seq, lastText: e.data.text };
      case 'NotebookClosed':
        return { ...s, closed: true };
      default:
        // Not total on purpose: the engine must never hand evolve a type `knows` refuses.
        throw new Error(`evolve was given ${(e as { type: string }).type}`);
    }
  },
  decide: (c, s) => {
    if (c.type === 'Open') return s.opened ? [] : [{ type: 'NotebookOpened', data: { title: c.data.title } }];
    if (!s.opened || s.closed) throw new NotebookRefusedError(`cannot ${c.type} a notebook that is ${s.closed ? 'closed' : 'not open'}`);
    if (c.type === 'Close') return [{ type: 'NotebookClosed', data: { reason: c.data.reason } }];
    return [{ type: 'NoteTaken', data: { seq: s.notes + 1, text: c.data.text } }];
  },
};

export const at = new Date('2026-03-02T10:00:00.000Z');
export const by = (actor: string) => ({ now: at, actor });
export const open = (title = 'ops', actor = 'user:ana'): NotebookCommand => ({ type: 'Open', data: { title }, metadata: by(actor) });
export const note = (text: string, actor = 'user:ana'): NotebookCommand => ({ type: 'Note', data: { text }, metadata: by(actor) });
export const close = (reason = 'done', actor = 'user:ana'): NotebookCommand => ({ type: 'Close', data: { reason }, metadata: by(actor) });
