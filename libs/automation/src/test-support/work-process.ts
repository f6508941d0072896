import { CommandPipeline, SequentialIds, type CommandMetadata } from '@itil/engine';
import type { EventStore } from '@itil/event-store';
import { createTicketDecider, emptySnapshot, InMemoryReferences, mergeSnapshots, ReferencesNeeded, type ProcessDefinition, type TicketCommand, type TicketDecider } from '@itil/tickets';
import { LifecycleCatalog, type MachineConfigJson } from '@itil/workflow';
import { automationRuleDecider } from '../rules/automation-rule.decider';
import { ruleStream } from '../rules/automation-rule.events';
import { referencesOf } from '../rules/validate-rule';

/**
 * A small process of no ITIL kind for the automation specs (a generic lib depends on no process
 * lib): logged, assigned to a group, resolved, closed, and reopened from resolved.
 */
export const workLifecycle: MachineConfigJson = {
  id: 'work',
  initial: 'new',
  states: {
    new: { meta: { category: 'new', sla: 'running' }, on: { ASSIGN: { target: 'assigned', meta: { records: 'WorkAssigned', requiredFields: ['assignmentGroup'] } } as never } },
    assigned: {
      meta: { category: 'active', sla: 'running' },
      on: { ASSIGN: { target: 'assigned', meta: { records: 'WorkAssigned' } } as never, RESOLVE: { target: 'resolved', meta: { records: 'WorkResolved', requiredFields: ['resolutionNotes'] } } as never },
    },
    resolved: {
      meta: { category: 'resolved', sla: 'stopped' },
      on: { CLOSE: { target: 'closed', meta: { records: 'WorkClosed' } } as never, REOPEN: { target: 'assigned', meta: { records: 'WorkReopened', requiredFields: ['reopenReason'] } } as never },
    },
    closed: { type: 'final', meta: { category: 'closed', sla: 'stopped' } },
  },
};

export const workProcess: ProcessDefinition = {
  process: 'work',
  resource: 'work',
  eventPrefix: 'Work',
  opened: 'WorkLogged',
  lifecycles: ['work'],
  fields: {
    title: { type: { kind: 'text', maxLength: 100 }, setBy: ['create'], requiredOnOpen: true },
    service: { type: { kind: 'ref', to: 'service' }, setBy: ['create'] },
    category: { type: { kind: 'text', maxLength: 50 }, setBy: ['create'] },
    assignmentGroup: { type: { kind: 'group' }, setBy: ['create', 'ASSIGN'] },
    assignee: { type: { kind: 'user', memberOf: 'assignmentGroup' }, setBy: ['create', 'ASSIGN'] },
    resolutionNotes: { type: { kind: 'text', maxLength: 200 }, setBy: ['RESOLVE'] },
    reopenReason: { type: { kind: 'text', maxLength: 200 }, setBy: ['REOPEN'] },
  },
  policies: {},
};

export const workReferences = new InMemoryReferences({
  groups: [
    { id: 'network', name: 'Network', members: ['raj', 'ana'], active: true },
    { id: 'desk', name: 'Service desk', members: ['ana'], active: true },
  ],
  services: [
    { id: 'vpn', name: 'VPN', stage: 'live', owner: null, supportGroup: 'network', slaPolicy: null },
    { id: 'email', name: 'Email', stage: 'live', owner: null, supportGroup: 'desk', slaPolicy: null },
  ],
});

export const workDecider = (): TicketDecider => createTicketDecider(workProcess, LifecycleCatalog.fromConfigs([workLifecycle], {}));
export const uuid = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** Writes work items and rules as people do, through the pipeline; answers the `$all` position of each write. */
export function workWorld(store: EventStore, seed: string) {
  const pipeline = new CommandPipeline(store, new SequentialIds(seed));
  const decider = workDecider();
  const send = async (id: string, command: Omit<TicketCommand, 'metadata' | 'references'>, metadata: CommandMetadata): Promise<bigint> => {
    let references = emptySnapshot();
    for (;;) {
      try {
        return (await pipeline.run(decider, `work-${id}`, { ...command, references, metadata } as TicketCommand)).position ?? -1n;
      } catch (error) {
        if (!(error instanceof ReferencesNeeded)) throw error;
        references = mergeSnapshots(references, await workReferences.resolve(error.queries));
      }
    }
  };
  return {
    pipeline,
    decider,
    open: (id: string, input: Record<string, unknown>, at: Date) => send(id, { type: 'OpenTicket', data: { ticketId: id, input } }, { now: at, actor: 'user:ana' }),
    move: (id: string, event: string, input: Record<string, unknown>, at: Date) => send(id, { type: 'MoveTicket', data: { ticketId: id, event, input } }, { now: at, actor: 'user:ana' }),
    async publish(rule: Record<string, unknown>, expectedVersion: number, at: Date): Promise<bigint> {
      const context = { processes: ['work'], references: await workReferences.resolve(referencesOf(rule)) };
      const result = await pipeline.run(automationRuleDecider, ruleStream(String(rule.id)), { type: 'PublishAutomationRule', data: { rule, expectedVersion, context }, metadata: { now: at, actor: 'user:olga' } });
      return result.position!;
    },
  };
}

