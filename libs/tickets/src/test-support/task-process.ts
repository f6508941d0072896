import type { CommandMetadata } from '@itil/engine';
import { LifecycleCatalog, type MachineConfigJson } from '@itil/workflow';
import type { ProcessDefinition } from '../process-definition';
import { InMemoryReferences } from '../references/in-memory-references';
import { emptySnapshot, mergeSnapshots, type ReferenceSnapshot } from '../references/reference-resolver.port';
import type { TicketCommand } from '../ticket.commands';

/** A small process of no ITIL kind, so the engine's specs depend on no process library. */
export const taskLifecycle: MachineConfigJson = {
  id: 'task',
  initial: 'open',
  states: {
    open: {
      meta: { category: 'new', sla: 'running' },
      on: { ASSIGN: { target: 'doing', guard: 'hasGroup', meta: { records: 'TaskAssigned', requiredFields: ['assignee'] } } as never, CANCEL: { target: 'cancelled', meta: { records: 'TaskCancelled' } } as never },
    },
    doing: {
      meta: { category: 'active', sla: 'running', requiredFields: ['assignee'] },
      on: {
        ASSIGN: { target: 'doing', meta: { records: 'TaskAssigned' } } as never,
        FINISH: { target: 'done', meta: { records: 'TaskFinished', requiredFields: ['resolution'], sets: { outcome: 'done' } } } as never,
        ABANDON: { target: 'done', meta: { records: 'TaskAbandoned', sets: { outcome: 'abandoned' } } } as never,
      },
    },
    done: { meta: { category: 'resolved', sla: 'stopped' }, on: { CLOSE: { target: 'closed', meta: { records: 'TaskClosed' } } as never } },
    closed: { type: 'final', meta: { category: 'closed', sla: 'stopped' } },
    cancelled: { type: 'final', meta: { category: 'cancelled', sla: 'stopped' } },
  },
};

export const taskGuards = { hasGroup: ({ event, context }: { event: Record<string, unknown>; context: Record<string, unknown> }) => Boolean(event.assignmentGroup ?? context.assignmentGroup) };

export const taskProcess: ProcessDefinition = {
  process: 'task',
  resource: 'tasks',
  eventPrefix: 'Task',
  opened: 'TaskOpened',
  lifecycles: ['task'],
  fields: {
    title: { type: { kind: 'text', maxLength: 50 }, setBy: ['create', 'update'], requiredOnOpen: true },
    notes: { type: { kind: 'text', maxLength: 500, multiline: true }, setBy: ['create', 'update'] },
    effort: { type: { kind: 'number', min: 0, max: 10, integer: true }, setBy: ['create', { by: 'update', states: ['open', 'doing'] }] },
    due: { type: { kind: 'instant' }, setBy: ['create', 'update'] },
    service: { type: { kind: 'ref', to: 'service' }, setBy: ['create', 'update'] },
    related: { type: { kind: 'list', of: { kind: 'ref', to: 'ticket' }, maxItems: 3 }, setBy: ['update'] },
    assignmentGroup: { type: { kind: 'group' }, setBy: ['ASSIGN'] },
    assignee: { type: { kind: 'user', memberOf: 'assignmentGroup' }, setBy: ['ASSIGN', { by: 'update', states: ['doing'], as: 'owner' }] },
    resolution: { type: { kind: 'text', maxLength: 200 }, setBy: ['FINISH'] },
    outcome: { type: { kind: 'enum', values: ['done', 'abandoned'] }, setBy: ['FINISH', 'ABANDON'] },
    urgent: { type: { kind: 'boolean' }, setBy: ['create'] },
  },
  policies: {},
};

export const taskCatalog = (): LifecycleCatalog => LifecycleCatalog.fromConfigs([taskLifecycle], taskGuards);

export const ID = '0b9f3c1e-7a55-4f0e-9d7b-2e6c1f0a8b11';
export const OTHER = '5a1c7e2d-3b4f-4c6a-8d9e-0f1a2b3c4d5e';
export const NOW = new Date('2026-03-02T10:00:00Z');
export const meta: CommandMetadata = { now: NOW, actor: 'user:ana' };

export const references = new InMemoryReferences({
  groups: [
    { id: 'network', name: 'Network', members: ['raj', 'ana'], active: true },
    { id: 'desk', name: 'Service desk', members: ['ana'], active: true },
    { id: 'old', name: 'Disbanded', members: ['raj'], active: false },
  ],
  services: [{ id: 'vpn', name: 'VPN', stage: 'live', owner: null, supportGroup: 'network', slaPolicy: null }],
  tickets: [{ id: OTHER, process: 'task', state: 'open', category: 'new' }],
});

/** Everything the reference data knows, resolved up front (the handler resolves only what decide asks for). */
export const allRefs = (): ReferenceSnapshot => {
  const s = emptySnapshot();
  const all = mergeSnapshots(s, {
    group: { network: { id: 'network', name: 'Network', members: ['raj', 'ana'], active: true }, desk: { id: 'desk', name: 'Service desk', members: ['ana'], active: true }, old: { id: 'old', name: 'Disbanded', members: ['raj'], active: false } },
    service: { vpn: { id: 'vpn', name: 'VPN', stage: 'live', owner: null, supportGroup: 'network', slaPolicy: null } },
    ticket: { [OTHER]: { id: OTHER, process: 'task', state: 'open', category: 'new' } },
    ci: {},
    'catalog-item': {},
    asked: [],
  });
  // Every id the specs use counts as asked, so a missing one means "does not exist".
  all.asked = ['group:network', 'group:desk', 'group:old', 'group:nope', 'service:vpn', 'service:nope', `ticket:${OTHER}`, 'ticket:nope', `ticket:${ID}`, 'ci:nope'];
  return all;
};

type Cmd = TicketCommand;
export const open = (input: Record<string, unknown>, ticketId = ID): Cmd => ({ type: 'OpenTicket', data: { ticketId, input }, metadata: meta, references: allRefs() });
export const move = (event: string, input: Record<string, unknown> = {}): Cmd => ({ type: 'MoveTicket', data: { ticketId: ID, event, input }, metadata: meta, references: allRefs() });
export const update = (input: Record<string, unknown>): Cmd => ({ type: 'UpdateTicketFields', data: { ticketId: ID, input }, metadata: meta, references: allRefs() });
export const comment = (input: Record<string, unknown>): Cmd => ({ type: 'CommentOnTicket', data: { ticketId: ID, input }, metadata: meta });
export const logWork = (input: Record<string, unknown>): Cmd => ({ type: 'LogWorkOnTicket', data: { ticketId: ID, input }, metadata: meta });
export const link = (input: Record<string, unknown>): Cmd => ({ type: 'LinkTicket', data: { ticketId: ID, input }, metadata: meta, references: allRefs() });
