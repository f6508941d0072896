import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { ConfigService } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { COMMAND_PIPELINE } from '@itil/engine';
import { AppModule } from './app.module';
import { httpObserverOf, setUpApp } from './app.setup';
import type { EngineConfig } from './config/engine.config';
import { installGracefulShutdown } from './observability/graceful-shutdown';
import type { InstrumentedCommandPipeline } from './observability/instrumented-pipeline';
import { createJsonLogger, JsonNestLogger } from './observability/json-logger';

async function bootstrap(): Promise<void> {
  const logger = createJsonLogger(process.env.LOG_LEVEL ?? 'info');
  // Our own body parser (with a limit) replaces Nest's default one; logs are JSON lines from the start.
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bodyParser: false, logger: new JsonNestLogger(logger) });
  const config = app.get<ConfigService<EngineConfig, true>>(ConfigService);
  const corsOrigins = config.get('CORS_ORIGINS', { infer: true }).split(',').map((o) => o.trim()).filter(Boolean);
  setUpApp(app, { bodyLimit: config.get('BODY_LIMIT', { infer: true }), corsOrigins, trustProxy: config.get('TRUST_PROXY', { infer: true }), logger });
  await app.listen(config.get('PORT', { infer: true }), config.get('HOST', { infer: true }));

  const pipeline = app.get<InstrumentedCommandPipeline>(COMMAND_PIPELINE);
  installGracefulShutdown({
    app,
    server: app.getHttpServer(),
    http: httpObserverOf(app),
    commandsIdle: () => pipeline.idle(),
    commandsInFlight: () => pipeline.inFlight,
    logger,
    timeoutMs: config.get('SHUTDOWN_TIMEOUT_MS', { infer: true }),
  });
  const { address, port } = app.getHttpServer().address() as AddressInfo;
  const store = config.get('EVENTSTORE_CONNECTION_STRING', { infer: true }) ?? `embedded SQLite at ${config.get('EVENT_STORE_FILE', { infer: true })}`;
  logger.info({ context: 'Bootstrap', address, port, store }, `API on http://${address}:${port} (OpenAPI UI at /docs, metrics at /metrics), event store: ${store}`);
}

void bootstrap();
