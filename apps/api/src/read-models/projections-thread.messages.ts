/** What the API's main thread and its projections thread say to each other. */
export type ToProjections = { type: 'stop' };
export type FromProjections =
  | { type: 'started' }
  | { type: 'stopped' }
  | { type: 'failed'; message: string }
  | { type: 'log'; level: 'log' | 'warn' | 'error'; message: string };
