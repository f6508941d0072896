import { Test } from '@nestjs/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixedClock, SequentialIds } from '@itil/engine';
import { SqliteEventStore } from '@itil/event-store';
import { AppModule } from '../app.module';
import { setUpApp } from '../app.setup';
import { CLOCK, EVENT_STORE, ID_GENERATOR } from '../engine/engine.tokens';
import { READ_MODELS_SETTINGS, readModelsSettings } from '../read-models/read-models.settings';

export interface TestApp {
  app: NestExpressApplication;
  store: SqliteEventStore;
  clock: FixedClock;
  file: string;
  close(): Promise<void>;
}

export const tempStoreFile = (): string => join(mkdtempSync(join(tmpdir(), 'api-')), 'events.db');

/** The real AppModule on a real SQLite file, with time and ids under the test's control. */
export async function createTestApp(options: { file?: string; bodyLimit?: string; seed?: string; pollIntervalMs?: number } = {}): Promise<TestApp> {
  const file = options.file ?? tempStoreFile();
  const clock = new FixedClock(new Date('2026-03-02T09:00:00Z'));
  const store = new SqliteEventStore({ file, now: () => clock.now(), pollIntervalMs: options.pollIntervalMs });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(EVENT_STORE)
    .useValue(store)
    .overrideProvider(CLOCK)
    .useValue(clock)
    .overrideProvider(ID_GENERATOR)
    .useValue(new SequentialIds(options.seed ?? file))
    // Read models beside this test's store file, never in ./data.
    .overrideProvider(READ_MODELS_SETTINGS)
    .useValue(readModelsSettings({ EVENT_STORE_FILE: file, READ_MODELS_STREAM_POLL_MS: '20', READ_MODELS_MAX_WAIT_MS: '1000' }))
    .compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: false });
  setUpApp(app, { bodyLimit: options.bodyLimit ?? '100kb' });
  await app.init();
  return { app, store, clock, file, close: () => app.close() };
}
