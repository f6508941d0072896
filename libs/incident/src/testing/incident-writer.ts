import type { CommandMetadata, CommandOptions, CommandPipeline } from '@itil/engine';
import { emptySnapshot, mergeSnapshots, streamOf, type ReferenceSnapshot, type TicketCommand, type TicketDecider } from '@itil/tickets';

type Input = Record<string, unknown>;

/**
 * The groups specs assign incidents to, as the API's TicketEngine resolves them before deciding
 * (decide does no I/O: an assignment names its group, so the group must be in the snapshot).
 */
export const INCIDENT_TEST_GROUPS: ReferenceSnapshot = mergeSnapshots(emptySnapshot(), {
  ...emptySnapshot(),
  group: {
    'service-desk': { id: 'service-desk', name: 'Service desk', members: ['ana'], active: true },
    network: { id: 'network', name: 'Network', members: ['ana', 'raj'], active: true },
    messaging: { id: 'messaging', name: 'Messaging', members: ['ana'], active: true },
  },
  asked: ['group:service-desk', 'group:network', 'group:messaging'],
});

/**
 * Writes incidents through a command pipeline with the ticket engine's decider, sending the
 * commands the incident API sends (POST /incidents, /:id/assign, /:id/comments, PATCH /:id).
 * `metadata` is read per command, so a spec's injected clock is honoured. The process's upcasters
 * are registered on the pipeline as the API's TicketEngine does, so events are stamped schema 2.
 */
export function incidentWriter(pipeline: CommandPipeline, decider: TicketDecider, metadata: () => CommandMetadata, references: ReferenceSnapshot = INCIDENT_TEST_GROUPS) {
  decider.def.registerUpcasters?.(pipeline.upcasters);
  const run = (ticketId: string, command: Omit<TicketCommand, 'metadata' | 'references'>, options?: CommandOptions) =>
    pipeline.run(decider, streamOf(decider.def, ticketId), { ...command, metadata: metadata(), references } as TicketCommand, options);
  return {
    stream: (ticketId: string) => streamOf(decider.def, ticketId),
    open: (ticketId: string, input: Input, options?: CommandOptions) => run(ticketId, { type: 'OpenTicket', data: { ticketId, input } }, options),
    /** Any lifecycle event: `ASSIGN`, `START_WORK`, `PEND`, `RESUME`, `RESOLVE` ... */
    move: (ticketId: string, event: string, input: Input = {}, options?: CommandOptions) => run(ticketId, { type: 'MoveTicket', data: { ticketId, event, input } }, options),
    comment: (ticketId: string, input: Input, options?: CommandOptions) => run(ticketId, { type: 'CommentOnTicket', data: { ticketId, input } }, options),
    update: (ticketId: string, input: Input, options?: CommandOptions) => run(ticketId, { type: 'UpdateTicketFields', data: { ticketId, input } }, options),
  };
}
