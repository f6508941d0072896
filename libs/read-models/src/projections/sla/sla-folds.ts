import type { Kysely } from 'kysely';
import type { JsonObject, RecordedEvent } from '@itil/event-store';
import {
  classifyTicketEvent,
  DEFINITION_EVENT_TYPES,
  foldSlaEvent,
  foldTicketEvent,
  SLA_CLOCK_EVENT_TYPES,
  SlaDefinitions,
  type TicketSla,
} from '@itil/sla';
import { positionText } from '../../events/position-text';
import type { SlaDefinitionsRow, SlaFoldsRow } from './sla.tables';

/** Any projection's transaction whose tables include its copy of the SLA tables. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Tx = Kysely<any>;
type SlaTx = Kysely<{ sla_definitions: SlaDefinitionsRow; sla_folds: SlaFoldsRow }>;

export interface SlaTableNames {
  definitions: string;
  folds: string;
}

/** What one event did to a ticket's SLA fold: the fold before and after it. */
export interface SlaChange {
  ticketStream: string;
  before: TicketSla | undefined;
  after: TicketSla;
  defs: SlaDefinitions;
  /** The event's instant (epoch ms): when a clock stopped, its figures are taken then. */
  at: number;
}

const DEFINITION_TYPES = new Set(DEFINITION_EVENT_TYPES);
const CLOCK_TYPES = new Set(SLA_CLOCK_EVENT_TYPES);

/**
 * The SLA clocks of every ticket as a projection sees them, with `@itil/sla`'s own fold (so the
 * read side and the scheduler agree on every figure). Everything it needs is kept in the
 * projection's own tables, inside its transaction: the definitions read from the log (SLA
 * policies, calendars, lifecycle versions) and each ticket's fold. A rebuild needs nothing but the
 * log, and a restart or a rolled-back batch resumes from what was committed.
 *
 * The definitions are also held in memory (calendars compile once); they are reloaded whenever
 * the table's newest position differs from what memory holds (a batch rolled back, or another
 * projector applied some while this one had lost its lease).
 */
export class SlaFolds {
  private defs: SlaDefinitions | undefined;
  private loadedThrough: string | null = null;

  /** `tables`: the projection's own logical names for its copy (each projection rebuilds alone). */
  constructor(private readonly tables: SlaTableNames) {}

  /** Folds one event; answers the ticket's SLA change, or undefined when the event changes no clock. */
  async apply(anyTx: Tx, e: RecordedEvent): Promise<SlaChange | undefined> {
    const tx = anyTx as SlaTx;
    if (DEFINITION_TYPES.has(e.type)) {
      const defs = await this.definitions(tx);
      await tx
        .insertInto(this.tables.definitions as 'sla_definitions')
        .values({ position: positionText(e.position), type: e.type, data_json: JSON.stringify(e.data) })
        .onConflict((oc) => oc.column('position').doNothing())
        .execute();
      defs.apply(e);
      this.loadedThrough = positionText(e.position);
      return undefined;
    }
    const clockEvent = CLOCK_TYPES.has(e.type) && typeof e.data.ticketStream === 'string';
    if (!clockEvent && !classifyTicketEvent(e)) return undefined;
    const ticketStream = clockEvent ? String(e.data.ticketStream) : e.streamId;
    const defs = await this.definitions(tx);
    const stored = await tx.selectFrom(this.tables.folds as 'sla_folds').select('fold_json').where('stream_id', '=', ticketStream).executeTakeFirst();
    const before = stored ? parseFold(stored.fold_json) : undefined;
    // A clock event about a ticket this log never opened changes nothing.
    if (clockEvent && !before) return undefined;
    const after = clockEvent ? foldSlaEvent(before!, e) : foldTicketEvent(before, e, defs.stateMeta);
    if (!after || after === before) return undefined;
    const json = serializeFold(after);
    if (stored) await tx.updateTable(this.tables.folds as 'sla_folds').set({ fold_json: json }).where('stream_id', '=', ticketStream).execute();
    else await tx.insertInto(this.tables.folds as 'sla_folds').values({ stream_id: ticketStream, fold_json: json }).execute();
    const at = Date.parse(String(e.metadata.occurredAt ?? '')) || e.recordedAt.getTime();
    return { ticketStream, before, after, defs, at };
  }

  private async definitions(tx: SlaTx): Promise<SlaDefinitions> {
    const newest = await tx.selectFrom(this.tables.definitions as 'sla_definitions').select((eb) => eb.fn.max('position').as('p')).executeTakeFirst();
    const through = (newest?.p as string | null | undefined) ?? null;
    if (this.defs && through === this.loadedThrough) return this.defs;
    const defs = new SlaDefinitions();
    const rows = await tx.selectFrom(this.tables.definitions as 'sla_definitions').selectAll().orderBy('position').execute();
    for (const row of rows) defs.apply(definitionEvent(row));
    this.defs = defs;
    this.loadedThrough = through;
    return defs;
  }
}

/** Enough of a recorded event for `SlaDefinitions.apply` (type, data, position). */
function definitionEvent(row: SlaDefinitionsRow): RecordedEvent {
  return { type: row.type, data: JSON.parse(row.data_json) as JsonObject, position: BigInt(row.position) } as unknown as RecordedEvent;
}

/** The fold as JSON: bigints as decimal text, the map of recorded facts as entries. */
export function serializeFold(t: TicketSla): string {
  return JSON.stringify({
    ...t,
    openedPosition: t.openedPosition.toString(),
    ticketRevision: t.ticketRevision.toString(),
    slaRevision: t.slaRevision.toString(),
    recorded: [...t.recorded.entries()],
  });
}

export function parseFold(json: string): TicketSla {
  const raw = JSON.parse(json) as Omit<TicketSla, 'openedPosition' | 'ticketRevision' | 'slaRevision' | 'recorded'> & {
    openedPosition: string;
    ticketRevision: string;
    slaRevision: string;
    recorded: [string, { eventId: string; at: number }][];
  };
  return { ...raw, openedPosition: BigInt(raw.openedPosition), ticketRevision: BigInt(raw.ticketRevision), slaRevision: BigInt(raw.slaRevision), recorded: new Map(raw.recorded) };
}
