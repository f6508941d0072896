import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { identityOf } from '../auth/identity';
import type { EngineMetrics } from './engine-metrics';

const CORRELATION = /^[\w.:@/-]{1,200}$/;
type Observed = Request & { correlationId?: string };

/** The correlation id of a request: the client's X-Correlation-Id, or one made up at the door. */
export const correlationIdOf = (request: Request): string | undefined => (request as Observed).correlationId;

/**
 * First middleware of every request: gives it a correlation id (echoed in the response, written
 * on its events and its log line), times it by route template, logs it as one JSON line, and
 * counts it in flight. While draining for shutdown, requests arriving on kept-alive connections
 * get 503 with `Connection: close` instead of starting work that the process will not finish.
 */
export class HttpObserver {
  private inFlight = 0;
  private draining = false;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly metrics: EngineMetrics,
    private readonly logger?: Logger,
  ) {}

  readonly middleware = (request: Request, response: Response, next: NextFunction): void => {
    const header = request.header('X-Correlation-Id');
    const correlationId = header !== undefined && CORRELATION.test(header) ? header : randomUUID();
    (request as Observed).correlationId = correlationId;
    response.setHeader('X-Correlation-Id', correlationId);
    if (this.draining) {
      response.setHeader('Connection', 'close');
      response.status(503).type('application/problem+json').send(JSON.stringify({
        type: 'urn:itil-engine:problem:http.shutting_down', title: 'Service Unavailable', status: 503, code: 'HTTP.SHUTTING_DOWN',
        detail: 'The server is shutting down; retry on another instance', instance: request.originalUrl,
      }));
      return;
    }
    const started = performance.now();
    this.inFlight++;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      const route = request.route ? `${request.baseUrl}${(request.route as { path: string }).path}` : 'unmatched';
      const seconds = (performance.now() - started) / 1000;
      this.metrics.httpSeconds.observe({ method: request.method, route, status: String(response.statusCode) }, seconds);
      this.logger?.info(
        { correlationId, method: request.method, route, path: request.path, status: response.statusCode, ms: Math.round(seconds * 1000), actor: identityOf(request)?.actor, aborted: !response.writableFinished },
        'request',
      );
      if (--this.inFlight === 0) this.idleWaiters.splice(0).forEach((resolve) => resolve());
    };
    response.on('finish', finish);
    response.on('close', finish);
    next();
  };

  get requestsInFlight(): number {
    return this.inFlight;
  }

  /** From now on, answer 503 to new requests; resolves when the ones running have answered. */
  drain(): Promise<void> {
    this.draining = true;
    return this.inFlight === 0 ? Promise.resolve() : new Promise((resolve) => this.idleWaiters.push(resolve));
  }
}
