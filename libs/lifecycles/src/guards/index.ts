export * from './common.guards';
export * from './problem.guards';
export * from './change.guards';
export * from './release.guards';
export * from './service-request.guards';
