export * from './incident.events';
export * from './process/incident.guards';
export * from './process/incident.actions';
export * from './priority/priority-matrix';
export * from './process/incident.fields';
export * from './process/incident.policies';
export * from './process/incident.upcasters';
export * from './process/incident.process';
