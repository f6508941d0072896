/**
 * @itil/sla: SLA policies and calendars as versioned data, clocks computed purely from a ticket's
 * events (paused and stopped by the lifecycle's state meta), and a scheduler that records each
 * warning, breach and escalation step exactly once.
 */
export * from './sla.errors';
export * from './documents/sla-finding';
export * from './documents/sla-policy.types';
export * from './documents/validate-policy';
export * from './documents/calendar-document';
export * from './versions/sla-document.events';
export * from './versions/sla-document.state';
export * from './versions/sla-document.decider';
export * from './definitions/sla-definitions';
export * from './clock/ticket-facts';
export * from './clock/ticket-sla.fold';
export * from './clock/clock-math';
export * from './clock/sla-clock.events';
export * from './clock/sla-status';
export * from './scheduler/pending-facts';
export * from './scheduler/sla-scheduler';
export * from './admin/sla-admin';
