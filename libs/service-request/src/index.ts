export * from './service-request.fields';
export * from './service-request.guards';
export * from './service-request.actions';
export * from './service-request.policies';
export * from './service-request.process';
