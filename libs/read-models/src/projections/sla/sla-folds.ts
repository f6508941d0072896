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
import type { LruCache } from '../../database/lru-cache';
import { RowChanges } from '../../database/row-changes';
import type { BatchMemory } from '../batch-memory';
import type { SlaDefinitionsRow, SlaFoldsRow } from './sla.tables';

/** The SLA clocks of one batch (see `SlaFolds.batch`). */
export interface SlaBatch {
  add(events: readonly RecordedEvent[]): Promise<(SlaChange | undefined)[]>;
  flush(): Promise<void>;
  /** The folds it holds. */
  held(): number;
}

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

  /** Set once the definitions were checked against the table: while the memory holds, they need no check. */
  private readonly checked: LruCache<true> | undefined;

  /**
   * `tables`: the projection's own logical names for its copy (each projection rebuilds alone).
   * `memory`: the projection's, to remember between its batches that the definitions were checked.
   */
  constructor(
    private readonly tables: SlaTableNames,
    memory?: BatchMemory,
  ) {
    this.checked = memory?.cache(1);
  }

  /**
   * The clocks of one batch of the projection: `add` folds each page of events in log order and
   * answers each event's SLA change (undefined where it changes no clock), index for index;
   * `flush` writes every fold the batch changed, once per ticket with one upsert. The folds a page
   * touches are read in one query the first time the batch meets them, and parsed once; each
   * event sees the fold as the events before it left it. The definitions are checked once per batch.
   */
  batch(anyTx: Tx): SlaBatch {
    const tx = anyTx as SlaTx;
    const stored = new RowChanges<SlaFoldsRow>(this.tables.folds, ['stream_id']);
    // A fold is never changed in place (the fold copies), so `before` and `after` of earlier changes stay as they were.
    const folds = new Map<string, TicketSla | undefined>();
    const changed = new Set<string>();
    const definitionRows: SlaDefinitionsRow[] = [];
    // Read once per batch: the pages after the first see the definitions the first ones published, in memory.
    let defs: SlaDefinitions | undefined;
    const foldOf = (stream: string): TicketSla | undefined => {
      if (folds.has(stream)) return folds.get(stream);
      const row = stored.get({ stream_id: stream });
      const fold = row ? parseFold(row.fold_json) : undefined;
      folds.set(stream, fold);
      return fold;
    };
    return {
      add: async (events) => {
        const out: (SlaChange | undefined)[] = new Array<SlaChange | undefined>(events.length).fill(undefined);
        const streamOf = events.map((e) => (DEFINITION_TYPES.has(e.type) ? undefined : ticketStreamOf(e)));
        const streams = new Set(streamOf.filter((s): s is string => s !== undefined));
        const definitions = events.some((e) => DEFINITION_TYPES.has(e.type));
        if (!definitions && streams.size === 0) return out;
        defs ??= await this.definitions(tx);
        const current = defs;
        // `load` reads only the folds this batch has not asked for yet.
        if (streams.size > 0) await stored.load(tx, 'stream_id', streams);
        events.forEach((e, i) => {
          if (DEFINITION_TYPES.has(e.type)) {
            definitionRows.push({ position: positionText(e.position), type: e.type, data_json: JSON.stringify(e.data) });
            current.apply(e);
            this.loadedThrough = positionText(e.position);
            return;
          }
          const ticketStream = streamOf[i];
          if (ticketStream === undefined) return;
          const clockEvent = isClockEvent(e);
          const before = foldOf(ticketStream);
          // A clock event about a ticket this log never opened changes nothing.
          if (clockEvent && !before) return;
          const after = clockEvent ? foldSlaEvent(before!, e) : foldTicketEvent(before, e, current.stateMeta);
          if (!after || after === before) return;
          folds.set(ticketStream, after);
          changed.add(ticketStream);
          const at = Date.parse(String(e.metadata.occurredAt ?? '')) || e.recordedAt.getTime();
          out[i] = { ticketStream, before, after, defs: current, at };
        });
        return out;
      },
      flush: async () => {
        if (definitionRows.length > 0) {
          await tx
            .insertInto(this.tables.definitions as 'sla_definitions')
            .values(definitionRows)
            .onConflict((oc) => oc.column('position').doNothing())
            .execute();
        }
        for (const stream of changed) stored.put({ stream_id: stream, fold_json: serializeFold(folds.get(stream)!) });
        await stored.flush(tx);
      },
      held: () => folds.size,
    };
  }

  private async definitions(tx: SlaTx): Promise<SlaDefinitions> {
    if (this.defs && this.checked?.get('defs')) return this.defs;
    this.checked?.set('defs', true);
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

/** The ticket stream whose fold an event changes: its own for a ticket event, `data.ticketStream` for a clock event; undefined for neither. */
function ticketStreamOf(e: RecordedEvent): string | undefined {
  if (isClockEvent(e)) return String(e.data.ticketStream);
  return classifyTicketEvent(e) ? e.streamId : undefined;
}

const isClockEvent = (e: RecordedEvent): boolean => CLOCK_TYPES.has(e.type) && typeof e.data.ticketStream === 'string';

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
