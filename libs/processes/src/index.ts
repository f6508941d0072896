/**
 * @itil/processes: the processes this product ships, composed (their guards and actions). The one
 * library allowed to know every process: the apps (API, CLI) and the benchmarks take the full
 * registries from here, and the generic libraries (workflow, tickets, lifecycles) are handed
 * them, never import them.
 */
export * from './all-guards';
export * from './all-actions';
