export * from './event-store.port';
export * from './event-store.errors';
export * from './stream-metadata.codec';
export * from './event-store.validation';
export * from './subscription/pull-subscription';
export * from './sqlite/sqlite-event-store';
export * from './sqlite/sqlite-event-store.options';
export * from './open-event-store';
