/**
 * @itil/processes: the processes this product ships, composed. The one library allowed to know
 * every process: the apps (API, CLI) and the benchmarks take the full registries from here, and
 * the generic libraries (workflow, tickets, lifecycles) are handed them, never import them.
 */
export * from './all-guards';
