import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import type { Logger } from 'pino';
import type { HttpObserver } from './http-observer';

export interface ShutdownParts {
  app: INestApplication;
  server: Server;
  http: HttpObserver;
  /** Resolves when no command is running (the instrumented pipeline). */
  commandsIdle: () => Promise<void>;
  commandsInFlight: () => number;
  logger: Logger;
  timeoutMs: number;
}

/**
 * SIGTERM/SIGINT, in the order that loses nothing: stop accepting connections (and answer 503 to
 * requests on kept-alive ones), let every request in flight answer and every command finish its
 * append, then close the app, whose shutdown hooks stop subscriptions and close the store
 * (pending group commits are flushed first). Past the timeout it closes anyway and says so.
 */
export function installGracefulShutdown(parts: ShutdownParts): (signal: string) => Promise<void> {
  let started: Promise<void> | undefined;
  const shutdown = (signal: string) => (started ??= run(parts, signal));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  return shutdown;
}

async function run({ app, server, http, commandsIdle, commandsInFlight, logger, timeoutMs }: ShutdownParts, signal: string): Promise<void> {
  logger.info({ signal, requestsInFlight: http.requestsInFlight, commandsInFlight: commandsInFlight() }, 'shutdown: no new requests; finishing those in flight');
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
  const drained = await Promise.race([Promise.all([http.drain(), commandsIdle()]).then(() => 'drained' as const), timedOut]);
  clearTimeout(timer);
  if (drained === 'timeout') logger.warn({ requestsInFlight: http.requestsInFlight, commandsInFlight: commandsInFlight() }, 'shutdown: timeout; closing with work in flight');
  server.closeAllConnections();
  await closed;
  await app.close();
  logger.info({ signal }, 'shutdown: complete (requests answered, store closed)');
}
