export * from './incident.commands';
export * from './incident.events';
export * from './incident.state';
export * from './incident.errors';
export * from './incident.guards';
export * from './incident.decider';
export * from './priority/priority-matrix';
