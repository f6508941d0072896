export * from './lifecycle-definition';
export * from './guard-registry';
export * from './lifecycle';
export * from './lifecycle-catalog';
export * from './workflow.errors';
