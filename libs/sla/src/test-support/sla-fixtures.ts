import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SequentialIds, envelop, type IdGenerator } from '@itil/engine';
import { NO_STREAM, type EventStore, type JsonObject, type RecordedEvent } from '@itil/event-store';
import type { BusinessCalendar } from '@itil/business-time';
import type { SlaPolicy } from '../documents/sla-policy.types';
import { SlaDefinitions } from '../definitions/sla-definitions';

export const STATE_MACHINES = join(__dirname, '../../../../state-machines');
export const incidentDefinition = (): JsonObject => JSON.parse(readFileSync(join(STATE_MACHINES, 'incident.json'), 'utf8')) as JsonObject;

const office = [{ start: '09:00', end: '17:00' }];
/** Mon-Fri 09:00-17:00 wall-clock in London (GMT in winter, BST from the last Sunday of March). */
export const londonOffice: BusinessCalendar = {
  name: 'London office',
  timeZone: 'Europe/London',
  weeklyHours: { monday: office, tuesday: office, wednesday: office, thursday: office, friday: office },
  holidays: [{ date: '2025-04-18', name: 'Good Friday' }],
};

/** P1 1h/4h, P2 2h/16h, P3 4h/40h; warnings at 50% and 75%; the breach escalates. */
export const standardPolicy = (overrides: Partial<SlaPolicy> = {}): SlaPolicy => ({
  process: 'incident',
  calendar: 'london-office',
  targets: { '1': { responseMinutes: 60, resolutionMinutes: 240 }, '2': { responseMinutes: 120, resolutionMinutes: 960 }, '3': { responseMinutes: 240, resolutionMinutes: 2400 } },
  warnings: [
    { percent: 50, actions: [{ type: 'notify', recipients: ['group:service-desk-leads'] }] },
    { percent: 75, actions: [{ type: 'notify', recipients: ['group:service-desk-leads', 'role:duty-manager'] }] },
  ],
  breach: { actions: [{ type: 'raisePriority', levels: 1 }, { type: 'reassign', group: 'major-incident-team' }] },
  ...overrides,
});

export const Z = (iso: string): Date => new Date(iso);

/** Appends recorded facts the way their writers do (an envelope with occurred-at and a hash chain). */
export class LogWriter {
  private readonly last = new Map<string, { revision: bigint; hash: string }>();
  constructor(
    readonly store: EventStore,
    private readonly ids: IdGenerator = new SequentialIds('sla-fixtures'),
  ) {}

  async append(stream: string, type: string, data: JsonObject, at: Date, machine: { id: string; version: number } | null = null): Promise<void> {
    const previous = this.last.get(stream);
    const event = envelop({ type, data }, { id: this.ids.next(), streamId: stream, revision: previous ? previous.revision + 1n : 0n, actor: 'user:test', occurredAt: at, correlationId: 'c', causationId: null, machine, idempotencyKey: null, previousHash: previous?.hash ?? null });
    const r = await this.store.appendToStream(stream, [event], { expectedRevision: previous ? previous.revision : NO_STREAM });
    this.last.set(stream, { revision: r.nextExpectedRevision, hash: (event.metadata as { hash: string }).hash });
  }

  /** The incident lifecycle v1 as `lifecycle-incident` holds it (its states carry `sla` meta). */
  seedLifecycle(at = Z('2025-01-01T00:00:00Z')): Promise<void> {
    return this.append('lifecycle-incident', 'LifecycleVersionPublished', { process: 'incident', version: 1, definition: incidentDefinition() }, at);
  }

  publish(kind: 'calendar' | 'policy', name: string, version: number, document: unknown, at: Date): Promise<void> {
    const type = kind === 'calendar' ? 'SlaCalendarVersionPublished' : 'SlaPolicyVersionPublished';
    return this.append(`sla-${kind}-${name}`, type, { name, version, contentHash: `h${version}`, document: document as JsonObject, author: 'owner:pat', notes: '', publishedAt: at.toISOString(), source: 'api', draft: null }, at);
  }

  /** A ticket opened in the contract's shape (schema 2): `fields` hold priority and service. */
  open(stream: string, at: Date, fields: { priority: number; service?: string }): Promise<void> {
    const lifecycle = { id: 'incident', version: 1 };
    return this.append(stream, 'IncidentLogged', { ticketId: stream, process: 'incident', lifecycle, state: 'new', fields: { title: 't', ...fields }, openedAt: at.toISOString() }, at, lifecycle);
  }

  move(stream: string, at: Date, from: string, to: string, via: string, type: string, fields: JsonObject = {}): Promise<void> {
    return this.append(stream, type, { ticketId: stream, from, to, via, fields, previous: {} }, at, { id: 'incident', version: 1 });
  }

  setPriority(stream: string, at: Date, priority: number): Promise<void> {
    return this.append(stream, 'IncidentFieldsUpdated', { ticketId: stream, fields: { priority }, previous: {} }, at, { id: 'incident', version: 1 });
  }
}

/** Definitions folded from everything in the store (what the scheduler and the API do). */
export async function definitionsOf(store: EventStore): Promise<SlaDefinitions> {
  const defs = new SlaDefinitions();
  for (const e of await store.readAll()) defs.apply(e);
  return defs;
}

export async function streamOf(store: EventStore, stream: string): Promise<RecordedEvent[]> {
  try {
    return await store.readStream(stream);
  } catch {
    return [];
  }
}
