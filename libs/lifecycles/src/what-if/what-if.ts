import type { EventStore } from '@itil/event-store';
import type { GuardRegistry } from '@itil/workflow';
import type { LifecycleDefinition } from '../definition/lifecycle-json';
import { destinationOf } from '../definition/transitions';
import { InvalidTicketFilterError } from '../lifecycle.errors';
import { DraftIndex, targetsOf } from './draft-index';
import { factOf, occurredAtOf, scanStreams, type PinnedLifecycle, type ScanProgress } from './ticket-facts';

export type RejectionReason = 'INITIAL_STATE_DIFFERS' | 'STATE_REMOVED' | 'EVENT_NOT_HANDLED' | 'TARGET_DIFFERS' | 'GUARD_REFUSED';
export type StrandedReason = 'STATE_REMOVED' | 'NO_WAY_FORWARD';

export interface TicketFilter {
  /** Only tickets whose current state is one of these. */
  states?: string[];
  /** Only tickets opened at or after / before this instant (ISO 8601). */
  openedFrom?: string;
  openedBefore?: string;
  /** Only tickets pinned (now, after any migration) to one of these versions. */
  versions?: number[];
  /** Only tickets not in a final state of their own version. */
  inFlightOnly?: boolean;
}

export interface WhatIfOptions {
  process: string;
  draft: LifecycleDefinition;
  ticketStreamPrefix: string;
  filter?: TicketFilter;
  /**
   * Opt-in: also run guards, with the recorded event data as the command and everything the
   * ticket's events recorded so far as its fields. Only meaningful for guards that depend on
   * recorded data; off by default, since history is facts and replay never re-runs guards.
   */
  checkGuards?: boolean;
  guards?: GuardRegistry;
  /** Per-ticket detail for at most this many affected tickets (counts are always exact). Default 1000. */
  detailLimit?: number;
  /** Whether a state is final in the ticket's own version (for "in flight"); defaults to the draft's view. */
  isFinalInOwnVersion?: (lifecycle: PinnedLifecycle, state: string) => boolean | undefined;
  pageSize?: number;
  onProgress?: (progress: ScanProgress & { tickets: number }) => void;
  now?: () => number;
}

export interface Rejection {
  reason: RejectionReason;
  /** 0 for the creation event, then 1, 2... for each transition of the ticket. */
  step: number;
  revision: number;
  eventType: string;
  from: string;
  via: string;
  to: string;
  /** What the draft allows instead: the events of `from`, or the targets of `via`. */
  draftAllows: string[];
  message: string;
}

export interface TicketOutcome {
  ticketId: string;
  streamId: string;
  lifecycle: PinnedLifecycle;
  openedAt: string;
  state: string;
  inFlight: boolean;
  transitions: number;
  rejection: Rejection | null;
  stranded: StrandedReason | null;
}

export interface WhatIfReport {
  process: string;
  filter: TicketFilter;
  checkGuards: boolean;
  totals: { tickets: number; accepted: number; rejected: number; inFlight: number; stranded: number; affected: number };
  rejections: { byReason: Partial<Record<RejectionReason, number>>; byTransition: { from: string; via: string; to: string; reason: RejectionReason; count: number }[] };
  stranded: { byState: { state: string; reason: StrandedReason; count: number }[] };
  byVersion: { version: number; tickets: number }[];
  tickets: TicketOutcome[];
  detailTruncated: boolean;
  stats: { eventsRead: number; pages: number; elapsedMs: number; ticketsPerSecond: number; eventsPerSecond: number; ticketsSkipped: number };
}

interface Tracked {
  lifecycle: PinnedLifecycle;
  openedAt: string;
  state: string;
  step: number;
  rejection: Rejection | null;
  fields: Record<string, unknown> | null;
}

/**
 * Replays the recorded transitions of existing tickets against a draft lifecycle, streaming
 * `$all` page by page. A history is rejected at its first transition the draft could not have
 * produced; a ticket in flight is stranded when its state is gone from the draft or leads to no
 * final state there. Guards are not re-run unless `checkGuards` is set.
 */
export async function whatIf(store: EventStore, options: WhatIfOptions): Promise<WhatIfReport> {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const filter = options.filter ?? {};
  const from = parseInstant(filter.openedFrom, 'openedFrom');
  const before = parseInstant(filter.openedBefore, 'openedBefore');
  const draft = new DraftIndex(options.draft);
  const guards = options.checkGuards ? (options.guards ?? {}) : undefined;
  const tickets = new Map<string, Tracked>();
  const skipped = new Set<string>();

  const visit = (event: Parameters<Parameters<typeof scanStreams>[2]>[0]) => {
    if (skipped.has(event.streamId)) return;
    const fact = factOf(event);
    const ticket = tickets.get(event.streamId);
    if (!ticket) {
      if (fact.kind !== 'created') return;
      const openedAt = occurredAtOf(event);
      const t = Date.parse(openedAt);
      const outside = fact.lifecycle.id !== options.process || (from !== undefined && t < from) || (before !== undefined && t >= before);
      if (outside) return void skipped.add(event.streamId);
      const tracked: Tracked = { lifecycle: fact.lifecycle, openedAt, state: fact.state, step: 0, rejection: null, fields: guards ? { ...event.data } : null };
      if (fact.state !== draft.initial) {
        tracked.rejection = rejection('INITIAL_STATE_DIFFERS', tracked, event, '(created)', fact.state, [draft.initial], `Opened in '${fact.state}'; the draft starts tickets in '${draft.initial}'.`);
      }
      tickets.set(event.streamId, tracked);
      return;
    }
    if (fact.kind === 'migrated') {
      // The history before a migration was made under the old version and explicitly mapped
      // onto the new one: the replay against the draft starts again from the migrated state,
      // so a ticket migrated to the version the draft is based on does not differ from it.
      ticket.lifecycle = fact.lifecycle;
      ticket.state = fact.toState;
      ticket.rejection = null;
      return;
    }
    if (fact.kind !== 'moved') {
      if (ticket.fields) Object.assign(ticket.fields, event.data);
      return;
    }
    ticket.step += 1;
    if (!ticket.rejection) ticket.rejection = check(ticket, fact, event);
    if (ticket.fields) Object.assign(ticket.fields, event.data);
    ticket.state = fact.to;
  };

  const check = (ticket: Tracked, move: { from: string; to: string; via: string }, event: Parameters<typeof visit>[0]): Rejection | null => {
    const reject = (reason: RejectionReason, allows: string[], message: string) => rejection(reason, ticket, event, move.via, move.to, allows, message, move.from);
    if (!draft.hasState(move.from)) return reject('STATE_REMOVED', [], `The draft has no state '${move.from}'.`);
    const candidates = draft.candidates(move.from, move.via);
    if (candidates.length === 0) return reject('EVENT_NOT_HANDLED', draft.events(move.from), `'${move.from}' does not handle ${move.via} in the draft.`);
    if (!candidates.some((t) => destinationOf(t) === move.to)) {
      return reject('TARGET_DIFFERS', targetsOf(candidates), `${move.via} from '${move.from}' leads to ${targetsOf(candidates).map((s) => `'${s}'`).join(' or ')} in the draft, not '${move.to}'.`);
    }
    if (guards) {
      const chosen = draft.chosen(move.from, move.via, guards, { context: ticket.fields ?? {}, event: { ...event.data, type: move.via } });
      if (!chosen || destinationOf(chosen) !== move.to) {
        const names = candidates.map((t) => t.guard).filter((g): g is string => !!g);
        return reject('GUARD_REFUSED', names, `With the recorded data, the draft's guards (${names.join(', ')}) would not lead ${move.via} from '${move.from}' to '${move.to}'.`);
      }
    }
    return null;
  };

  const { eventsRead, pages } = await scanStreams(store, options.ticketStreamPrefix, visit, {
    pageSize: options.pageSize,
    onProgress: options.onProgress ? (p) => options.onProgress!({ ...p, tickets: tickets.size }) : undefined,
  });
  return summarise(options, draft, tickets, { eventsRead, pages, skipped: skipped.size, elapsedMs: now() - started });
}

function rejection(reason: RejectionReason, ticket: Tracked, event: { type: string; revision: bigint }, via: string, to: string, draftAllows: string[], message: string, from = '(none)'): Rejection {
  return { reason, step: ticket.step, revision: Number(event.revision), eventType: event.type, from, via, to, draftAllows, message };
}

function parseInstant(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const t = Date.parse(value);
  if (!Number.isFinite(t)) throw new InvalidTicketFilterError(`${name} must be an ISO 8601 date or instant (got '${value}')`);
  return t;
}

function summarise(
  options: WhatIfOptions,
  draft: DraftIndex,
  tracked: Map<string, Tracked>,
  scan: { eventsRead: number; pages: number; skipped: number; elapsedMs: number },
): WhatIfReport {
  const filter = options.filter ?? {};
  const limit = options.detailLimit ?? 1000;
  const totals = { tickets: 0, accepted: 0, rejected: 0, inFlight: 0, stranded: 0, affected: 0 };
  const byReason: Partial<Record<RejectionReason, number>> = {};
  const byTransition = new Map<string, { from: string; via: string; to: string; reason: RejectionReason; count: number }>();
  const strandedBy = new Map<string, { state: string; reason: StrandedReason; count: number }>();
  const byVersion = new Map<number, number>();
  const details: TicketOutcome[] = [];
  let truncated = false;
  for (const [streamId, t] of tracked) {
    const finalInOwn = options.isFinalInOwnVersion?.(t.lifecycle, t.state) ?? draft.finals.has(t.state);
    const inFlight = !finalInOwn;
    if (filter.inFlightOnly && !inFlight) continue;
    if (filter.states && !filter.states.includes(t.state)) continue;
    if (filter.versions && !filter.versions.includes(t.lifecycle.version)) continue;
    totals.tickets += 1;
    byVersion.set(t.lifecycle.version, (byVersion.get(t.lifecycle.version) ?? 0) + 1);
    if (inFlight) totals.inFlight += 1;
    const stranded: StrandedReason | null = !inFlight ? null : !draft.hasState(t.state) ? 'STATE_REMOVED' : draft.canFinish.has(t.state) ? null : 'NO_WAY_FORWARD';
    if (t.rejection) {
      totals.rejected += 1;
      byReason[t.rejection.reason] = (byReason[t.rejection.reason] ?? 0) + 1;
      const key = `${t.rejection.from}|${t.rejection.via}|${t.rejection.to}|${t.rejection.reason}`;
      const entry = byTransition.get(key) ?? { from: t.rejection.from, via: t.rejection.via, to: t.rejection.to, reason: t.rejection.reason, count: 0 };
      entry.count += 1;
      byTransition.set(key, entry);
    } else totals.accepted += 1;
    if (stranded) {
      totals.stranded += 1;
      const entry = strandedBy.get(`${t.state}|${stranded}`) ?? { state: t.state, reason: stranded, count: 0 };
      entry.count += 1;
      strandedBy.set(`${t.state}|${stranded}`, entry);
    }
    if (t.rejection || stranded) {
      totals.affected += 1;
      if (details.length < limit) {
        details.push({ ticketId: streamId.slice(options.ticketStreamPrefix.length), streamId, lifecycle: t.lifecycle, openedAt: t.openedAt, state: t.state, inFlight, transitions: t.step, rejection: t.rejection, stranded });
      } else truncated = true;
    }
  }
  const seconds = Math.max(scan.elapsedMs, 1) / 1000;
  return {
    process: options.process,
    filter,
    checkGuards: options.checkGuards === true,
    totals,
    rejections: { byReason, byTransition: [...byTransition.values()].sort((a, b) => b.count - a.count) },
    stranded: { byState: [...strandedBy.values()].sort((a, b) => b.count - a.count) },
    byVersion: [...byVersion.entries()].sort(([a], [b]) => a - b).map(([version, tickets]) => ({ version, tickets })),
    tickets: details,
    detailTruncated: truncated,
    stats: {
      eventsRead: scan.eventsRead,
      pages: scan.pages,
      elapsedMs: Math.round(scan.elapsedMs),
      ticketsPerSecond: Math.round(tracked.size / seconds),
      eventsPerSecond: Math.round(scan.eventsRead / seconds),
      ticketsSkipped: scan.skipped,
    },
  };
}
