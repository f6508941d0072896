export * from './all-guards';
export * from './load-lifecycle-catalog';
