import type { RunnerLogger } from '@itil/read-models';

export { startProjector, type RunningProjector } from '@itil/read-models';

/** One log line per message, JSON, so the operator's log tooling can filter parked events. */
export const jsonLogger = (write: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): RunnerLogger => {
  const line = (level: string) => (message: string) => write(JSON.stringify({ time: new Date().toISOString(), level, service: 'projector', message }));
  return { log: line('info'), warn: line('warn'), error: line('error') };
};
