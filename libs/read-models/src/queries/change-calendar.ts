import type { Kysely } from 'kysely';
import type { ReadModelDb } from '../database/read-model-db';
import { TICKETS_TABLES, type TicketsRow, type TicketsTables } from '../projections/tickets/tickets.tables';
import { liveTables } from './live-tables';
import { InvalidQueryError } from './read-model.errors';

/**
 * A freeze (blackout) window, as change enablement's data defines it. The read side does not own
 * that data (it is a process's): the app injects a `FreezeWindowSource`, so this generic library
 * imports no process library.
 */
export interface FreezeWindow {
  id: string;
  start: string;
  end: string;
  reason: string;
  /** The services it freezes; null: every service. */
  services: string[] | null;
  /** Where it comes from, e.g. `freeze-calendar default v1`. */
  source: string | null;
}

export interface FreezeWindowSource {
  /** Windows overlapping [from, to). */
  between(from: string, to: string): Promise<FreezeWindow[]>;
}

/** States whose changes hold a slot on the calendar (approved and waiting, or under way). */
export const CALENDAR_STATES = ['scheduled', 'implementing'] as const;
/** The longest range one request may ask for. */
export const MAX_CALENDAR_DAYS = 366;

export interface CalendarChange {
  id: string;
  title: string | null;
  state: string;
  changeType: string | null;
  service: string | null;
  configurationItems: string[];
  assignmentGroup: string | null;
  plannedStart: string;
  plannedEnd: string;
  /** Ids of the freeze windows this change's window falls in (global ones, and its service's). */
  freezes: string[];
  /** Ids of the other scheduled or implementing changes it collides with. */
  collidesWith: string[];
}

/** Two changes on a same configuration item in overlapping windows. */
export interface Collision {
  changes: [string, string];
  configurationItems: string[];
  /** The shared part of the two windows. */
  start: string;
  end: string;
}

export interface ChangeCalendar {
  from: string;
  to: string;
  changes: CalendarChange[];
  freezes: FreezeWindow[];
  collisions: Collision[];
}

const overlaps = (a: { start: string; end: string }, b: { start: string; end: string }) => a.start < b.end && b.start < a.end;

/** Scheduled change windows, the freeze windows and the collisions in a range, from the tickets read model. */
export class ChangeCalendarQueries {
  constructor(private readonly rm: ReadModelDb) {}

  async calendar(range: { from: string; to: string }, source: FreezeWindowSource): Promise<ChangeCalendar> {
    const { from, to } = checkRange(range);
    const db = await liveTables<TicketsTables>(this.rm, 'tickets', TICKETS_TABLES);
    const listed = db ? (await windowsBetween(db, from, to)).map(toChange) : [];
    // A collision partner may lie outside the range (it overlaps a listed change, not the range).
    const span = listed.length === 0 ? null : { from: listed.reduce((m, c) => (c.plannedStart < m ? c.plannedStart : m), from), to: listed.reduce((m, c) => (c.plannedEnd > m ? c.plannedEnd : m), to) };
    const partners = db && span ? (await windowsBetween(db, span.from, span.to)).map(toChange) : listed;
    const collisions = collisionsOf(listed, partners);
    const freezes = (await source.between(from, to)).filter((f) => overlaps(f, { start: from, end: to })).sort((a, b) => a.start.localeCompare(b.start) || a.id.localeCompare(b.id));
    for (const c of listed) {
      const window = { start: c.plannedStart, end: c.plannedEnd };
      c.freezes = freezes.filter((f) => overlaps(f, window) && (f.services === null || (c.service !== null && f.services.includes(c.service)))).map((f) => f.id);
      c.collidesWith = collisions.filter((k) => k.changes.includes(c.id)).map((k) => (k.changes[0] === c.id ? k.changes[1] : k.changes[0])).sort();
    }
    return { from, to, changes: listed, freezes, collisions };
  }
}

function checkRange(range: { from: string; to: string }): { from: string; to: string } {
  const [from, to] = [Date.parse(range.from), Date.parse(range.to)];
  if (!Number.isFinite(from) || !Number.isFinite(to)) throw new InvalidQueryError('from, to: ISO 8601 instants');
  if (to <= from) throw new InvalidQueryError('to must be after from');
  if (to - from > MAX_CALENDAR_DAYS * 86_400_000) throw new InvalidQueryError(`from, to: at most ${MAX_CALENDAR_DAYS} days apart`);
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}

function windowsBetween(db: Kysely<TicketsTables>, from: string, to: string): Promise<TicketsRow[]> {
  return db
    .selectFrom('tickets')
    .selectAll()
    .where('process', '=', 'change')
    .where('state', 'in', [...CALENDAR_STATES])
    .where('planned_start', '<', to)
    .where('planned_end', '>', from)
    .orderBy('planned_start')
    .orderBy('ticket_id')
    .execute();
}

function toChange(r: TicketsRow): CalendarChange {
  const fields = JSON.parse(r.fields_json) as Record<string, unknown>;
  const items = Array.isArray(fields.configurationItems) ? fields.configurationItems.filter((i): i is string => typeof i === 'string') : [];
  if (r.configuration_item && !items.includes(r.configuration_item)) items.push(r.configuration_item);
  return {
    id: r.ticket_id,
    title: r.title,
    state: r.state,
    changeType: typeof fields.changeType === 'string' ? fields.changeType : (/^change-(standard|normal|emergency)$/.exec(r.lifecycle_id)?.[1] ?? null),
    service: r.service,
    configurationItems: items.sort(),
    assignmentGroup: r.assignment_group,
    plannedStart: r.planned_start!,
    plannedEnd: r.planned_end!,
    freezes: [],
    collidesWith: [],
  };
}

/** Pairs (one of them listed) sharing a configuration item in overlapping windows, each pair once. */
export function collisionsOf(listed: CalendarChange[], all: CalendarChange[]): Collision[] {
  const out = new Map<string, Collision>();
  for (const a of listed) {
    for (const b of all) {
      if (a.id === b.id) continue;
      const shared = a.configurationItems.filter((i) => b.configurationItems.includes(i));
      const [wa, wb] = [{ start: a.plannedStart, end: a.plannedEnd }, { start: b.plannedStart, end: b.plannedEnd }];
      if (shared.length === 0 || !overlaps(wa, wb)) continue;
      const pair = [a.id, b.id].sort() as [string, string];
      out.set(pair.join(' '), { changes: pair, configurationItems: shared, start: wa.start > wb.start ? wa.start : wb.start, end: wa.end < wb.end ? wa.end : wb.end });
    }
  }
  return [...out.values()].sort((x, y) => x.start.localeCompare(y.start) || x.changes[0].localeCompare(y.changes[0]));
}
