import { CommandPipeline, envelop, unwrap, type Clock, type IdGenerator } from '@itil/engine';
import { NO_STREAM, StreamNotFoundError, WrongExpectedVersionError, readAllPages, type EventStore, type RecordedEvent } from '@itil/event-store';
import { DEFINITION_EVENT_TYPES, SlaDefinitions, type StateMetaLookup } from '../definitions/sla-definitions';
import { NAME, type SlaFinding } from '../documents/sla-finding';
import { slaStreamOf, type SlaClockRebaselined } from '../clock/sla-clock.events';
import { pinsOf, ticketSlaStatus, type TicketSlaStatus } from '../clock/sla-status';
import { foldTicket } from '../clock/ticket-sla.fold';
import { RebaselineNotAllowedError, SlaInvalidNameError, UnknownSlaDocumentError, UnknownTicketError } from '../sla.errors';
import { slaDocumentDecider, validateDocument } from '../versions/sla-document.decider';
import { documentStream, type DocumentSource, type SlaDocumentEvent, type SlaDocumentKind } from '../versions/sla-document.events';
import { evolveDocument } from '../versions/sla-document.decider';
import { initialDocumentHistory, liveOf, type DocumentDraft, type DocumentHistory, type DocumentVersion } from '../versions/sla-document.state';

export interface SlaAdminDeps {
  store: EventStore;
  clock: Clock;
  ids: IdGenerator;
  pipeline?: CommandPipeline;
  /** State meta of lifecycle versions not (yet) seen as events, e.g. the engine's catalog. */
  stateMeta?: StateMetaLookup;
}

export interface Who {
  actor: string;
  source: DocumentSource;
}

const TICKET_STREAM = /^[a-z][a-z0-9-]{0,120}$/;

/**
 * The SLA owner's use cases (validate, draft, publish, history of calendars and policies; a
 * ticket's SLA status; a re-baseline) over the store. The HTTP controller and the CLI are thin
 * shells over this class.
 */
export class SlaAdmin {
  private readonly pipeline: CommandPipeline;
  readonly definitions: SlaDefinitions;

  constructor(private readonly deps: SlaAdminDeps) {
    this.pipeline = deps.pipeline ?? new CommandPipeline(deps.store, deps.ids);
    this.definitions = new SlaDefinitions(deps.stateMeta);
  }

  /** Brings the published versions up to date with `$all` (incremental: only what is new). */
  async refresh(): Promise<SlaDefinitions> {
    for await (const page of readAllPages(this.deps.store, { filter: { eventTypes: DEFINITION_EVENT_TYPES }, fromPosition: this.definitions.position })) {
      for (const e of page) this.definitions.apply(e);
    }
    return this.definitions;
  }

  async validate(kind: SlaDocumentKind, document: unknown): Promise<{ valid: boolean; findings: SlaFinding[]; document?: unknown }> {
    const r = validateDocument(kind, document, { calendars: (await this.refresh()).names('calendar') });
    return r.valid ? { valid: true, findings: [], document: r.document } : { valid: false, findings: r.findings };
  }

  async list(kind: SlaDocumentKind): Promise<{ name: string; liveVersion: number }[]> {
    const defs = await this.refresh();
    return defs.names(kind).map((name) => ({ name, liveVersion: defs.latest(kind, name)! }));
  }

  async history(kind: SlaDocumentKind, name: string): Promise<DocumentHistory> {
    checkName(kind, name);
    const events = await this.pipeline.load(documentStream(kind, name));
    const h = events.map((e) => unwrap<SlaDocumentEvent>(e)).reduce((s, e) => evolveDocument(s, { type: e.type, data: e.data }), initialDocumentHistory());
    if (h.versions.length === 0 && h.drafts.length === 0) throw new UnknownSlaDocumentError(kind, name);
    return h;
  }

  async version(kind: SlaDocumentKind, name: string, version: number): Promise<DocumentVersion> {
    const found = (await this.history(kind, name)).versions.find((v) => v.version === version);
    if (!found) throw new UnknownSlaDocumentError(kind, name, ` version ${version}`);
    return found;
  }

  /** Saves a draft; it changes nothing live. An invalid document is refused (400) and nothing is written. */
  async saveDraft(kind: SlaDocumentKind, name: string, document: unknown, who: Who, notes?: string): Promise<{ created: boolean; draft: DocumentDraft | null }> {
    checkName(kind, name);
    const calendars = (await this.refresh()).names('calendar');
    const r = await this.pipeline.run(slaDocumentDecider, documentStream(kind, name), {
      type: 'SaveSlaDraft',
      data: { kind, name, document, notes, source: who.source, context: { calendars } },
      metadata: { now: this.deps.clock.now(), actor: who.actor },
    });
    const stored = validateDocument(kind, document, { calendars });
    const hash = r.events[0] ? (r.events[0].data as { contentHash: string }).contentHash : undefined;
    const draft = r.state.drafts.find((d) => d.status === 'open' && (hash ? d.contentHash === hash : stored.valid && JSON.stringify(d.document) === JSON.stringify(stored.document))) ?? null;
    return { created: r.events.length > 0, draft };
  }

  /**
   * Publishes the next version: new clocks take it; running clocks keep the versions they started
   * with until someone re-baselines them. `expectedVersion` is the live version reviewed (0: new name).
   */
  async publish(kind: SlaDocumentKind, name: string, input: { document?: unknown; draft?: number; expectedVersion: number; notes?: string }, who: Who): Promise<DocumentVersion> {
    checkName(kind, name);
    const calendars = (await this.refresh()).names('calendar');
    const r = await this.pipeline.run(slaDocumentDecider, documentStream(kind, name), {
      type: 'PublishSlaVersion',
      data: { kind, name, document: input.document, draft: input.draft, expectedVersion: input.expectedVersion, notes: input.notes, source: who.source, context: { calendars } },
      metadata: { now: this.deps.clock.now(), actor: who.actor },
    });
    await this.refresh();
    return liveOf(r.state)!;
  }

  /** A ticket's SLA status now: targets, due times, elapsed and paused time, versions. */
  async status(ticketStream: string): Promise<TicketSlaStatus> {
    const t = await this.ticket(ticketStream);
    return ticketSlaStatus(t, this.definitions, this.deps.clock.now().getTime());
  }

  /**
   * Moves a ticket's running clocks onto the policy and calendar versions live now, on purpose and
   * recorded (who, why, from which versions): the only way an edit reaches a running clock.
   */
  async rebaseline(ticketStream: string, reason: string, who: Who): Promise<TicketSlaStatus> {
    for (let attempt = 1; ; attempt++) {
      const t = await this.ticket(ticketStream);
      const target = this.definitions.pinsAt(t.process, t.service);
      if (!target) throw new RebaselineNotAllowedError(`No published policy covers ${t.process}${t.service ? ` (service ${t.service})` : ''}: nothing to re-baseline onto.`);
      const current = pinsOf(t, this.definitions);
      if (current && JSON.stringify([current.policy, current.calendar]) === JSON.stringify([target.policy, target.calendar])) {
        throw new RebaselineNotAllowedError(`${ticketStream} already runs on policy ${target.policy.name}@${target.policy.version} and calendar ${target.calendar.name}@${target.calendar.version}.`);
      }
      const now = this.deps.clock.now();
      const event: SlaClockRebaselined = {
        type: 'SlaClockRebaselined',
        data: { ticketStream, baseline: t.rebaselines.length + 1, policy: target.policy, calendar: target.calendar, previous: current ? { policy: current.policy, calendar: current.calendar } : null, reason, requestedBy: who.actor, rebaselinedAt: now.toISOString() },
      };
      const id = this.deps.ids.next();
      const data = envelop(event, { id, streamId: slaStreamOf(ticketStream), revision: t.slaRevision + 1n, actor: who.actor, occurredAt: now, correlationId: id, causationId: null, machine: null, idempotencyKey: null, previousHash: t.slaLastHash });
      try {
        await this.deps.store.appendToStream(slaStreamOf(ticketStream), [data], { expectedRevision: t.slaRevision === -1n ? NO_STREAM : t.slaRevision });
        return this.status(ticketStream);
      } catch (error) {
        if (error instanceof WrongExpectedVersionError && attempt < 10) continue; // a scheduler wrote meanwhile
        throw error;
      }
    }
  }

  private async ticket(ticketStream: string) {
    if (!TICKET_STREAM.test(ticketStream) || ticketStream.startsWith('sla-') || ticketStream.startsWith('lifecycle-')) throw new UnknownTicketError(ticketStream.slice(0, 130));
    const defs = await this.refresh();
    const t = foldTicket(await this.read(ticketStream), await this.read(slaStreamOf(ticketStream)), defs.stateMeta);
    if (!t) throw new UnknownTicketError(ticketStream);
    return t;
  }

  private async read(stream: string): Promise<RecordedEvent[]> {
    try {
      return await this.deps.store.readStream(stream);
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
  }
}

function checkName(kind: SlaDocumentKind, name: string): void {
  if (!NAME.test(name)) throw new SlaInvalidNameError(kind, name);
}
