import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { setUpApp } from './app.setup';
import type { EngineConfig } from './config/engine.config';

async function bootstrap(): Promise<void> {
  // Our own body parser (with a limit) replaces Nest's default one.
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bodyParser: false });
  const config = app.get<ConfigService<EngineConfig, true>>(ConfigService);
  setUpApp(app, { bodyLimit: config.get('BODY_LIMIT', { infer: true }) });
  const port = config.get('PORT', { infer: true });
  const host = config.get('HOST', { infer: true });
  await app.listen(port, host);
  const store = config.get('EVENTSTORE_CONNECTION_STRING', { infer: true }) ?? `embedded SQLite at ${config.get('EVENT_STORE_FILE', { infer: true })}`;
  Logger.log(`API on http://${host}:${port} (OpenAPI UI at /docs), event store: ${store}`, 'Bootstrap');
}

void bootstrap();
