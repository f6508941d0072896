/** The engine's injection tokens, in one place for the app's modules. */
export { EVENT_STORE } from '@itil/event-store';
export { CLOCK, ID_GENERATOR, COMMAND_PIPELINE } from '@itil/engine';
export { LIFECYCLE_CATALOG } from '@itil/workflow';
