import { join } from 'node:path';
import type { CommandMetadata } from '@itil/engine';
import { LifecycleCatalog, readMachineFiles } from '@itil/workflow';
import { incidentGuards } from '../process/incident.guards';
import type { IncidentEvent } from '../incident.events';

export const STATE_MACHINES_DIR = join(__dirname, '../../../../state-machines');
export const incidentCatalog = () => LifecycleCatalog.fromConfigs(readMachineFiles(STATE_MACHINES_DIR).filter((c) => c.id === 'incident'), incidentGuards);

export const ID = '6f1c2a43-9b1e-4d8e-b3a0-5c2f8e7d1a90';
export const NOW = new Date('2026-03-02T10:00:00Z');
export const meta: CommandMetadata = { now: NOW, actor: 'agent:ana' };

export const logged = (overrides: Partial<Extract<IncidentEvent, { type: 'IncidentLogged' }>['data']> = {}): IncidentEvent => ({
  type: 'IncidentLogged',
  data: {
    incidentId: ID,
    title: 'Email is down for the finance floor',
    description: '',
    caller: 'caller:bob',
    service: 'email',
    configurationItem: null,
    category: null,
    impact: 'medium',
    urgency: 'high',
    priority: 2,
    priorityMatrix: 'itil-3x3@1',
    lifecycle: { id: 'incident', version: 1 },
    state: 'new',
    loggedAt: NOW.toISOString(),
    ...overrides,
  },
});
export const assigned = (assignee: string | null = 'ana', group = 'service-desk', previousGroup: string | null = null, from = 'new'): IncidentEvent => ({
  type: 'IncidentAssigned',
  data: { from, to: 'assigned', via: 'ASSIGN', assignmentGroup: group, assignee, previousGroup },
});
export const started = (assignee = 'ana'): IncidentEvent => ({ type: 'IncidentWorkStarted', data: { from: 'assigned', to: 'inProgress', via: 'START_WORK', assignee } });
export const resolved = (from = 'inProgress'): IncidentEvent => ({
  type: 'IncidentResolved',
  data: { from, to: 'resolved', via: 'RESOLVE', resolutionCode: 'config-fix', resolutionNotes: 'Restarted the mail relay', resolvedAt: NOW.toISOString() },
});
