export * from './problem.fields';
export * from './problem.guards';
export * from './problem.actions';
export * from './problem.policies';
export * from './problem.process';
export * from './problem.known-errors';
