export * from './release.fields';
export * from './release.guards';
export * from './release.policies';
export * from './release.process';
