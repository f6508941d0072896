export * from './problem.fields';
export * from './problem.policies';
export * from './problem.process';
export * from './problem.known-errors';
