import { randomUUID } from 'node:crypto';
import { derivedId, envelop } from '@itil/engine';
import type { EventData, EventStore, JsonObject } from '@itil/event-store';
import type { IncidentEvent } from '../incident.events';

type Step = (ticket: number) => IncidentEvent;

const moved = (from: string, to: string, via: string) => ({ from, to, via });
const A: Step = () => ({ type: 'IncidentAssigned', data: { ...moved('new', 'assigned', 'ASSIGN'), assignmentGroup: 'service-desk', assignee: 'ana', previousGroup: null } });
const S: Step = () => ({ type: 'IncidentWorkStarted', data: { ...moved('assigned', 'inProgress', 'START_WORK'), assignee: 'ana' } });
const PC: Step = () => ({ type: 'IncidentPended', data: { ...moved('inProgress', 'awaitingCaller', 'PEND'), reason: 'awaiting_caller', note: null } });
const PV: Step = () => ({ type: 'IncidentPended', data: { ...moved('inProgress', 'awaitingVendor', 'PEND'), reason: 'awaiting_vendor', note: 'supplier case' } });
const RS = (from: string): Step => () => ({ type: 'IncidentResumed', data: moved(from, 'inProgress', 'RESUME') });
const R = (from: string): Step => () => ({ type: 'IncidentResolved', data: { ...moved(from, 'resolved', 'RESOLVE'), resolutionCode: 'fixed', resolutionNotes: 'Restarted the service', resolvedAt: '2026-01-01T00:00:00.000Z' } });
const RO: Step = () => ({ type: 'IncidentReopened', data: { ...moved('resolved', 'inProgress', 'REOPEN'), reason: 'fault is back' } });
const C: Step = () => ({ type: 'IncidentClosed', data: { ...moved('resolved', 'closed', 'CLOSE'), note: null, closedAt: '2026-01-01T00:00:00.000Z' } });
const X: Step = () => ({ type: 'IncidentCancelled', data: { ...moved('new', 'cancelled', 'CANCEL'), reason: 'duplicate' } });
const note: Step = () => ({ type: 'IncidentCommented', data: { text: 'called the user', visibility: 'internal' } });

/**
 * Histories of incident v1 tickets, each with a known current state. `weight` of every 20
 * tickets follow the shape, so counts over 20*k tickets are exact multiples.
 */
export const INCIDENT_SHAPES = [
  { name: 'new', weight: 1, state: 'new', steps: [] as Step[] },
  { name: 'assigned', weight: 2, state: 'assigned', steps: [A] },
  { name: 'working', weight: 3, state: 'inProgress', steps: [A, S, note] },
  { name: 'pendingCaller', weight: 2, state: 'awaitingCaller', steps: [A, S, PC] },
  { name: 'pendingVendor', weight: 1, state: 'awaitingVendor', steps: [A, S, PV] },
  { name: 'vendorResumed', weight: 1, state: 'resolved', steps: [A, S, PV, RS('awaitingVendor'), R('inProgress')] },
  { name: 'closed', weight: 5, state: 'closed', steps: [A, S, note, R('inProgress'), C] },
  { name: 'cancelled', weight: 1, state: 'cancelled', steps: [X] },
  { name: 'firstTouch', weight: 2, state: 'closed', steps: [A, R('assigned'), C] },
  { name: 'reopened', weight: 2, state: 'closed', steps: [A, S, R('inProgress'), RO, R('inProgress'), C] },
] as const;

const CYCLE = INCIDENT_SHAPES.flatMap((shape) => Array.from({ length: shape.weight }, () => shape));
export const shapeOf = (ticket: number) => CYCLE[ticket % CYCLE.length];
export const fixtureIncidentId = (ticket: number, seed = 'fixture'): string => derivedId(`${seed}:incident:${ticket}`);
export const FIXTURE_START = new Date('2026-01-05T08:00:00Z');
/** Ticket n is opened n minutes after FIXTURE_START. */
export const openedAtOf = (ticket: number): Date => new Date(FIXTURE_START.getTime() + ticket * 60_000);

export interface FixtureResult {
  tickets: number;
  events: number;
  byShape: Record<string, number>;
}

/**
 * Writes `count` incident tickets with the histories above straight into a store: round r
 * appends the r-th event of every ticket, all appends of a round issued together so the
 * embedded store group-commits them in one transaction. Events carry the real envelope and hash
 * chain, so the ticket engine folds them like any other.
 *
 * `openAtOnce`: the tickets go in waves of that many, each wave's histories written whole before
 * the next wave opens, as a service desk's log looks (a ticket lives a while, then closes). Without
 * it, every ticket is open for the whole log: its events are spread from the start to the end.
 */
export async function generateIncidentFixture(
  store: EventStore,
  options: { count: number; seed?: string; version?: number; openAtOnce?: number; onProgress?: (written: number, total: number) => void },
): Promise<FixtureResult> {
  const { count } = options;
  const byShape: Record<string, number> = {};
  const previous = new Array<string | null>(count).fill(null);
  const histories: Step[][] = [];
  const streams: string[] = [];
  for (let i = 0; i < count; i++) {
    const shape = shapeOf(i);
    const id = fixtureIncidentId(i, options.seed);
    byShape[shape.name] = (byShape[shape.name] ?? 0) + 1;
    streams.push(`incident-${id}`);
    histories.push([(n) => logged(n, id, options.version ?? 1), ...shape.steps, ...(i % 7 === 0 ? [note] : [])]);
  }
  const total = histories.reduce((sum, h) => sum + h.length, 0);
  let written = 0;
  const wave = Math.max(1, Math.min(options.openAtOnce ?? count, count));
  for (let first = 0; first < count; first += wave) {
    const last = Math.min(first + wave, count);
    const longest = histories.slice(first, last).reduce((most, h) => Math.max(most, h.length), 0);
    for (let round = 0; round < longest; round++) written += await writeRound(first, last, round);
  }
  return { tickets: count, events: total, byShape };

  /** The `round`-th event of tickets first..last-1, in one group commit; answers how many. */
  async function writeRound(first: number, last: number, round: number): Promise<number> {
    const appends: Promise<unknown>[] = [];
    for (let i = first; i < last; i++) {
      const step = histories[i][round];
      if (!step) continue;
      const event = step(i);
      const data: EventData = envelop(
        { type: event.type, data: event.data as JsonObject },
        {
          id: randomUUID(),
          streamId: streams[i],
          revision: BigInt(round),
          actor: 'fixture',
          occurredAt: new Date(openedAtOf(i).getTime() + round * 600_000),
          correlationId: `fixture-${i}`,
          causationId: null,
          machine: { id: 'incident', version: options.version ?? 1 },
          idempotencyKey: null,
          previousHash: previous[i],
        },
      );
      previous[i] = (data.metadata as { hash: string }).hash;
      appends.push(store.appendToStream(streams[i], [data], { expectedRevision: round === 0 ? 'no_stream' : BigInt(round - 1) }));
    }
    await Promise.all(appends);
    options.onProgress?.(written + appends.length, total);
    return appends.length;
  }
}

function logged(ticket: number, incidentId: string, version: number): IncidentEvent {
  return {
    type: 'IncidentLogged',
    data: {
      incidentId,
      title: `Fixture incident ${ticket}`,
      description: '',
      caller: 'caller:fixture',
      service: 'email',
      configurationItem: null,
      category: null,
      impact: 'medium',
      urgency: 'medium',
      priority: 3,
      priorityMatrix: 'itil-3x3@1',
      lifecycle: { id: 'incident', version },
      state: 'new',
      loggedAt: openedAtOf(ticket).toISOString(),
    },
  };
}
