import { ValidationPipe, type INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { refuseDeepJson } from './http/json-depth';
import { JsonObjectBodyPipe } from './http/json-object-body.pipe';
import { isBodyParserError, ProblemDetailsFilter } from './http/problem-details.filter';
import { TicketOpenApi } from './tickets/openapi/ticket-openapi.service';
import { EngineMetrics } from './observability/engine-metrics';
import { HttpObserver } from './observability/http-observer';
import type { NextFunction, Request, Response } from 'express';

export interface AppSetupOptions {
  bodyLimit: string;
  /** Origins allowed by CORS; none (the default) means no cross-origin browser access. */
  corsOrigins?: string[];
  /** Express `trust proxy` (see TRUST_PROXY). */
  trustProxy?: string;
  /** Request log lines go here (one JSON line per request); none in tests. */
  logger?: Logger;
}

const observers = new WeakMap<object, HttpObserver>();
/** The request counter the graceful shutdown drains (main.ts). */
export const httpObserverOf = (app: NestExpressApplication): HttpObserver => observers.get(app)!;

/**
 * Everything main.ts and the e2e specs share: correlation ids, metrics and request logs, security
 * headers, CORS, body limit, validation, errors, OpenAPI. Shutdown is main.ts's (graceful, on
 * SIGTERM), not Nest's shutdown hooks, which would close the store before requests drain.
 */
export function setUpApp(app: NestExpressApplication, options: AppSetupOptions): OpenAPIObject {
  const observer = new HttpObserver(app.get(EngineMetrics), options.logger);
  observers.set(app, observer);
  app.use(observer.middleware);
  app.disable('x-powered-by');
  if (options.trustProxy !== undefined) app.set('trust proxy', trustProxyValue(options.trustProxy));
  app.use(helmet());
  if (options.corsOrigins?.length) {
    app.enableCors({
      origin: options.corsOrigins,
      allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'If-Match', 'X-Correlation-Id'],
      exposedHeaders: ['ETag', 'Location', 'Retry-After', 'X-Correlation-Id', 'Idempotent-Replayed'],
      maxAge: 600,
    });
  }
  // The nesting limit is checked on the decoded body, before it is parsed (see json-depth.ts).
  app.useBodyParser('json', { limit: options.bodyLimit, verify: refuseDeepJson() });
  // Body-parser errors (malformed JSON, oversize bodies) answered here, before Nest turns them into
  // a generic 400 and loses which one it was.
  const problems = new ProblemDetailsFilter();
  app.use((error: unknown, request: Request, response: Response, next: NextFunction) => {
    if (!isBodyParserError(error)) return next(error);
    problems.send(error, request, response);
  });
  app.useGlobalPipes(
    new JsonObjectBodyPipe(),
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      // Bodies of data-less commands are classes without rules; unknown fields are still refused.
      forbidUnknownValues: false,
      transform: true,
      transformOptions: { exposeDefaultValues: true },
    }),
  );
  app.useGlobalFilters(problems);
  const document = SwaggerModule.createDocument(app as INestApplication, openApiConfig());
  // Ticket operations come from the live lifecycles, so they are added on each request.
  const tickets = app.get(TicketOpenApi, { strict: false });
  SwaggerModule.setup('docs', app as INestApplication, document, { jsonDocumentUrl: 'docs/openapi.json', patchDocumentOnRequest: (_req, _res, doc) => tickets.patch(doc) });
  return tickets.patch(document);
}

function trustProxyValue(value: string): boolean | number | string {
  if (value === 'true' || value === 'false') return value === 'true';
  return /^\d+$/.test(value) ? Number(value) : value;
}

function openApiConfig() {
  return new DocumentBuilder()
    .setTitle('ITIL workflow engine')
    .setDescription(
      'Event-sourced ITIL service management. Every command appends past-tense events to the log; ' +
        'errors are application/problem+json (400 invalid, 401 no or bad credential, 403 missing role, 404 unknown, 409 revision conflict, 413 too large, 422 not allowed in this state, 429 rate limited). ' +
        'Each operation lists the roles it needs in x-roles (admin passes all) or is x-public.',
    )
    .setVersion('0.1.0')
    .addServer('/', 'This API, where the document was fetched from')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'A JWT from the configured issuer, or an API key (itil_...)' })
    .build();
}
