import type { UpcasterRegistry } from '@itil/engine';
import type { FieldDictionary } from './fields/field-types';
import type { PolicyRegistry } from './policies/policy';
import type { TicketEvent } from './ticket.events';
import type { Ticket } from './ticket.state';

/**
 * A process is configuration of the one ticket engine: which lifecycles it runs, what its
 * tickets hold (the typed field dictionary) and the named rules no lifecycle can express.
 * Adding a process = a lifecycle file + one of these (docs/tickets.md).
 */
export interface ProcessDefinition {
  /** `incident`, `problem`, `service-request`, ... (also the stream prefix: `<process>-<uuid>`). */
  process: string;
  /** Plural HTTP resource: `incidents`, `problems`, `requests`. */
  resource: string;
  /** Prefix of the engine's own facts: `<Prefix>FieldsUpdated`, `<Prefix>Commented`, ... */
  eventPrefix: string;
  /** Fact type of an opening, e.g. `IncidentLogged`. */
  opened: string;
  /** Lifecycle machine ids a ticket may start on; the first is the default. */
  lifecycles: string[];
  /** The base field dictionary; a lifecycle version's `meta.fields` may add fields or narrow who sets them. */
  fields: FieldDictionary;
  /** Named rules (priority matrix, counters, offers): applied on every command, in name order. */
  policies: PolicyRegistry;
  /**
   * Fact names for transitions of lifecycle versions published before `meta.records` existed
   * (keyed by event). A version that names its facts never needs this.
   */
  legacyRecords?: Readonly<Record<string, string>>;
  /**
   * Reads events written in an older shape as today's (e.g. incident schema 1). Called by the
   * fold with the ticket as it stood before the event; returns the event unchanged when current.
   */
  upcast?: (event: TicketEvent, before: Ticket) => TicketEvent;
  /** Registers the process's schema steps with the engine's upcaster registry (before the first command). */
  registerUpcasters?: (registry: UpcasterRegistry) => void;
}

export const streamOf = (def: ProcessDefinition, ticketId: string): string => `${def.process}-${ticketId}`;
