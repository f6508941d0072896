import type { JsonObject } from '@itil/event-store';
import type { EventWriter } from './ticket-events';

const office = [{ start: '09:00', end: '17:00' }];
/** Mon-Fri 09:00-17:00 in London (GMT until 29 March 2026). */
export const LONDON_OFFICE: JsonObject = {
  name: 'London office',
  timeZone: 'Europe/London',
  weeklyHours: { monday: office, tuesday: office, wednesday: office, thursday: office, friday: office },
  holidays: [],
};

/** Incidents: P1 response 30 / resolution 240 business minutes, P2 60 / 960, P3 120 / 2400. */
export const INCIDENT_POLICY: JsonObject = {
  process: 'incident',
  calendar: 'london-office',
  targets: { '1': { responseMinutes: 30, resolutionMinutes: 240 }, '2': { responseMinutes: 60, resolutionMinutes: 960 }, '3': { responseMinutes: 120, resolutionMinutes: 2400 } },
  warnings: [{ percent: 75, actions: [{ type: 'notify', recipients: ['group:leads'] }] }],
  breach: { actions: [] },
};

/** What the SLA admin and scheduler append (the shapes of libs/sla), written without importing their writers. */
export class SlaWriter {
  constructor(private readonly w: EventWriter) {}

  async publish(kind: 'calendar' | 'policy', name: string, document: JsonObject, at = '2026-01-01T00:00:00.000Z', version = 1): Promise<void> {
    const type = kind === 'calendar' ? 'SlaCalendarVersionPublished' : 'SlaPolicyVersionPublished';
    await this.w.append(`sla-${kind}-${name}`, type, { name, version, contentHash: `h${version}`, document, author: 'user:owner', notes: '', publishedAt: at, source: 'api', draft: null }, { at });
  }

  /** The London office calendar and the incident policy, version 1. */
  async standard(): Promise<void> {
    await this.publish('calendar', 'london-office', LONDON_OFFICE);
    await this.publish('policy', 'incident-standard', INCIDENT_POLICY);
  }

  breached(ticketStream: string, clock: 'response' | 'resolution', at: string, targetMs: number, baseline = 0): Promise<bigint> {
    return this.w.append(`sla-${ticketStream}`, 'SlaBreached', {
      ticketStream, clock, baseline, policy: { name: 'incident-standard', version: 1 }, calendar: { name: 'london-office', version: 1 }, targetMs, breachedAt: at,
    }, { at, actor: 'policy:incident-standard@1' });
  }
}
