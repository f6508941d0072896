export * from './release.fields';
export * from './release.policies';
export * from './release.process';
