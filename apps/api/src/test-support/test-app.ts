import { Test } from '@nestjs/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixedClock, SequentialIds } from '@itil/engine';
import { SqliteEventStore } from '@itil/event-store';
import { AppModule } from '../app.module';
import { setUpApp } from '../app.setup';
import { LIFECYCLE_VERSIONS_DIR } from '../engine/engine.module';
import { CLOCK, EVENT_STORE, ID_GENERATOR } from '../engine/engine.tokens';
import { CommandPipeline } from '@itil/engine';
import { ReferenceDataService, ReferenceIndex, seedReferenceData } from '@itil/reference-data';
import { readFileSync } from 'node:fs';

export const DEMO_REFERENCE_DATA = join(__dirname, '../../../../docs/examples/reference-data.json');

async function seedDemoReferenceData(store: SqliteEventStore, clock: FixedClock, seed: string): Promise<void> {
  const index = new ReferenceIndex(store);
  const refs = new ReferenceDataService(new CommandPipeline(store, new SequentialIds(`${seed}-refdata`)), index);
  await seedReferenceData(refs, JSON.parse(readFileSync(DEMO_REFERENCE_DATA, 'utf8')), () => ({ now: clock.now(), actor: 'system:seed' }));
}

export interface TestApp {
  app: NestExpressApplication;
  store: SqliteEventStore;
  clock: FixedClock;
  file: string;
  close(): Promise<void>;
}

export const tempStoreFile = (): string => join(mkdtempSync(join(tmpdir(), 'api-')), 'events.db');

/**
 * The real AppModule on a real SQLite file, with time and ids under the test's control.
 * `laterVersions`: also publish state-machines/versions/ on start, as the API does (the default
 * here is the seeds only, version 1 of each process, which the lifecycle specs build on).
 * `referenceData: false`: start without the README's demo reference data.
 */
export async function createTestApp(
  options: { file?: string; bodyLimit?: string; seed?: string; pollIntervalMs?: number; laterVersions?: boolean; referenceData?: boolean } = {},
): Promise<TestApp> {
  const file = options.file ?? tempStoreFile();
  const clock = new FixedClock(new Date('2026-03-02T09:00:00Z'));
  const store = new SqliteEventStore({ file, now: () => clock.now(), pollIntervalMs: options.pollIntervalMs });
  // The README's reference data (groups, members, services, CIs, catalog items), as an operator
  // would seed it with the CLI; a second app on the same file finds it there and writes nothing.
  if (options.referenceData !== false) await seedDemoReferenceData(store, clock, options.seed ?? file);
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(EVENT_STORE)
    .useValue(store)
    .overrideProvider(CLOCK)
    .useValue(clock)
    .overrideProvider(ID_GENERATOR)
    .useValue(new SequentialIds(options.seed ?? file))
    .overrideProvider(LIFECYCLE_VERSIONS_DIR)
    .useValue(options.laterVersions ? join(process.cwd(), 'state-machines', 'versions') : null)
    .compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: false });
  setUpApp(app, { bodyLimit: options.bodyLimit ?? '100kb' });
  await app.init();
  return { app, store, clock, file, close: () => app.close() };
}
