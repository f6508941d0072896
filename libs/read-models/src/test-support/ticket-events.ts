import { envelop } from '@itil/engine';
import type { EventData, EventStore, JsonObject } from '@itil/event-store';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { v5 as uuidv5 } from 'uuid';

const NS = '6d0c1c52-33a4-4a0f-9d7e-5b0b7a6f3c11';
export const idOf = (name: string): string => uuidv5(name, NS);

/** Builds events as the engines write them (real envelope, hash chain per stream). */
export class EventWriter {
  private readonly lastHash = new Map<string, string | null>();
  private readonly revisions = new Map<string, bigint>();
  private n = 0;

  constructor(private readonly store: EventStore) {}

  async append(stream: string, type: string, data: JsonObject, options: { at: string; actor?: string; machine?: { id: string; version: number } | null; schemaVersion?: number }): Promise<bigint> {
    const id = idOf(`${stream}#${this.n++}`);
    const revision = this.revisions.get(stream) ?? 0n;
    const event: EventData = envelop(
      { type, data },
      {
        id,
        streamId: stream,
        revision,
        actor: options.actor ?? 'user:test',
        occurredAt: new Date(options.at),
        correlationId: id,
        causationId: null,
        machine: options.machine ?? null,
        idempotencyKey: null,
        previousHash: this.lastHash.get(stream) ?? null,
        schemaVersion: options.schemaVersion,
      },
    );
    const result = await this.store.appendToStream(stream, [event], { expectedRevision: revision === 0n ? 'no_stream' : revision - 1n });
    this.revisions.set(stream, revision + 1n);
    this.lastHash.set(stream, (event.metadata as { hash: string }).hash);
    return result.position;
  }

  /** Publishes a lifecycle file of state-machines/ as version 1 (what the engine does on first start). */
  async publishLifecycle(process: string, version = 1, at = '2026-01-01T00:00:00.000Z'): Promise<void> {
    const definition = JSON.parse(readFileSync(join(__dirname, '../../../../state-machines', `${process}.json`), 'utf8')) as JsonObject;
    await this.append(`lifecycle-${process}`, 'LifecycleVersionPublished', {
      process,
      version,
      contentHash: 'sha256:test',
      definition,
      author: 'system:test',
      notes: '',
      publishedAt: at,
      source: 'file',
      draft: null,
      fileName: `${process}.json`,
    }, { at });
  }
}

const moved = (from: string, to: string, via: string) => ({ from, to, via });

/** Today's incident v1 events, as libs/incident writes them. */
export class IncidentV1 {
  readonly stream: string;
  private readonly machine = { id: 'incident', version: 1 };

  constructor(
    private readonly w: EventWriter,
    readonly id: string,
  ) {
    this.stream = `incident-${id}`;
  }

  logged(at: string, f: { title: string; description?: string; service?: string | null; priority?: number; ci?: string | null }) {
    return this.w.append(this.stream, 'IncidentLogged', {
      incidentId: this.id, title: f.title, description: f.description ?? '', caller: 'caller:bob', service: f.service ?? null,
      configurationItem: f.ci ?? null, category: null, impact: 'high', urgency: 'medium', priority: f.priority ?? 2, priorityMatrix: 'default',
      lifecycle: this.machine, state: 'new', loggedAt: at,
    }, { at, machine: this.machine });
  }
  assigned(at: string, from: string, group: string, assignee: string | null, previousGroup: string | null = null, to = 'assigned') {
    return this.w.append(this.stream, 'IncidentAssigned', { ...moved(from, to, 'ASSIGN'), assignmentGroup: group, assignee, previousGroup }, { at, machine: this.machine });
  }
  started(at: string, assignee: string) {
    return this.w.append(this.stream, 'IncidentWorkStarted', { ...moved('assigned', 'inProgress', 'START_WORK'), assignee }, { at, machine: this.machine });
  }
  resolved(at: string, from = 'inProgress') {
    return this.w.append(this.stream, 'IncidentResolved', { ...moved(from, 'resolved', 'RESOLVE'), resolutionCode: 'fixed', resolutionNotes: 'done', resolvedAt: at }, { at, machine: this.machine });
  }
  reopened(at: string, to = 'inProgress') {
    return this.w.append(this.stream, 'IncidentReopened', { ...moved('resolved', to, 'REOPEN'), reason: 'back' }, { at, machine: this.machine });
  }
  closed(at: string) {
    return this.w.append(this.stream, 'IncidentClosed', { ...moved('resolved', 'closed', 'CLOSE'), note: null, closedAt: at }, { at, machine: this.machine });
  }
  commented(at: string, text: string, actor = 'user:raj') {
    return this.w.append(this.stream, 'IncidentCommented', { text, visibility: 'internal' }, { at, actor, machine: this.machine });
  }
}

/** A ticket of any process in the contract's shapes (what the generic ticket engine writes). */
export class ContractTicket {
  readonly stream: string;

  constructor(
    private readonly w: EventWriter,
    readonly process: string,
    readonly prefix: string,
    readonly id: string,
    private readonly lifecycle: { id: string; version: number },
  ) {
    this.stream = `${process}-${id}`;
  }

  opened(type: string, at: string, state: string, fields: JsonObject) {
    return this.w.append(this.stream, type, { ticketId: this.id, process: this.process, lifecycle: this.lifecycle, state, fields, openedAt: at }, { at, machine: this.lifecycle, schemaVersion: 2 });
  }
  moved(type: string, at: string, from: string, to: string, via: string, fields: JsonObject = {}, previous: JsonObject = {}) {
    return this.w.append(this.stream, type, { ticketId: this.id, from, to, via, fields, previous }, { at, machine: this.lifecycle, schemaVersion: 2 });
  }
  updated(at: string, fields: JsonObject, previous: JsonObject = {}) {
    return this.w.append(this.stream, `${this.prefix}FieldsUpdated`, { ticketId: this.id, fields, previous }, { at, machine: this.lifecycle, schemaVersion: 2 });
  }
  commented(at: string, commentId: string, text: string, visibility: 'internal' | 'public' = 'internal') {
    return this.w.append(this.stream, `${this.prefix}Commented`, { ticketId: this.id, commentId, text, visibility }, { at, machine: this.lifecycle, schemaVersion: 2 });
  }
  workLogged(at: string, entryId: string, minutes: number, workedBy = 'user:raj') {
    return this.w.append(this.stream, `${this.prefix}WorkLogged`, { ticketId: this.id, entryId, minutes, note: 'worked', workedBy }, { at, machine: this.lifecycle, schemaVersion: 2 });
  }
}
