import { ValidationPipe, type INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { refuseDeepJson } from './http/json-depth';
import { JsonObjectBodyPipe } from './http/json-object-body.pipe';
import { isBodyParserError, ProblemDetailsFilter } from './http/problem-details.filter';
import { TicketOpenApi } from './tickets/openapi/ticket-openapi.service';
import type { NextFunction, Request, Response } from 'express';

export interface AppSetupOptions {
  bodyLimit: string;
}

/** Everything main.ts and the e2e specs share: body limit, validation, errors, OpenAPI. */
export function setUpApp(app: NestExpressApplication, options: AppSetupOptions): OpenAPIObject {
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
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(app as INestApplication, openApiConfig());
  // Ticket operations come from the live lifecycles, so they are added on each request.
  const tickets = app.get(TicketOpenApi, { strict: false });
  SwaggerModule.setup('docs', app as INestApplication, document, { jsonDocumentUrl: 'docs/openapi.json', patchDocumentOnRequest: (_req, _res, doc) => tickets.patch(doc) });
  return tickets.patch(document);
}

function openApiConfig() {
  return new DocumentBuilder()
    .setTitle('ITIL workflow engine')
    .setDescription(
      'Event-sourced ITIL service management. Every command appends past-tense events to the log; ' +
        'errors are application/problem+json (400 invalid, 404 unknown, 409 revision conflict, 413 too large, 422 not allowed in this state).',
    )
    .setVersion('0.1.0')
    .build();
}
