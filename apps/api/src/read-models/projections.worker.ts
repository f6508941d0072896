/**
 * The entry of the API's projections thread: the same projector `npm run projector` runs, on
 * its own event loop, so applying events never delays a request. It talks to the API's main
 * thread in messages only (see projections-thread.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { startProjector, type ProjectorConfig, type RunnerLogger } from '@itil/read-models';
import type { FromProjections, ToProjections } from './projections-thread.messages';

const port = parentPort;
if (!port) throw new Error('projections.worker runs as a worker thread');
const send = (message: FromProjections) => port.postMessage(message);
const logger: RunnerLogger = {
  log: (message) => send({ type: 'log', level: 'log', message }),
  warn: (message) => send({ type: 'log', level: 'warn', message }),
  error: (message) => send({ type: 'log', level: 'error', message }),
};

startProjector(workerData as ProjectorConfig, undefined, logger).then(
  (projector) => {
    port.on('message', (message: ToProjections) => {
      if (message.type !== 'stop') return;
      projector.stop().then(
        () => send({ type: 'stopped' }),
        (error: unknown) => send({ type: 'failed', message: String(error) }),
      );
    });
    send({ type: 'started' });
  },
  (error: unknown) => send({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
);
