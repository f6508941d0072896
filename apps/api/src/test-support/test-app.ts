import type { Type } from '@nestjs/common';
import { Test, type TestingModuleBuilder } from '@nestjs/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { OpenAPIObject } from '@nestjs/swagger';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixedClock, SequentialIds } from '@itil/engine';
import { SqliteEventStore } from '@itil/event-store';
import { AppModule } from '../app.module';
import { setUpApp } from '../app.setup';
import { SLA_SCHEDULER_INTERVAL } from '../sla/sla-scheduler.service';
import { LIFECYCLE_VERSIONS_DIR } from '../engine/engine.module';
import { CLOCK, EVENT_STORE, ID_GENERATOR } from '../engine/engine.tokens';
import { READ_MODELS_SETTINGS, readModelsSettings } from '../read-models/read-models.settings';
import { AUTH_SETTINGS, type AuthSettings } from '../auth/auth.settings';
import { RATE_LIMITS, type RateLimits } from '../auth/rate-limits';
import { testAuthSettings } from './auth-header';

export { as, authHeader } from './auth-header';
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
  /** The OpenAPI document setUpApp built (every operation carries x-roles or x-public). */
  document: OpenAPIObject;
  store: SqliteEventStore;
  clock: FixedClock;
  file: string;
  close(): Promise<void>;
}

const testRateLimits = (limits?: Partial<RateLimits>): RateLimits => ({ perMinute: 100_000, expensivePerMinute: 10_000, authFailuresPerMinute: 10_000, ...limits });

/**
 * For a test that builds its own module from AppModule instead of calling createTestApp: trust
 * the test key (authHeader) and lift the rate limits, e.g.
 * `withTestAuth(Test.createTestingModule({ imports: [AppModule] })).overrideProvider(...)...compile()`.
 */
export const withTestAuth = (builder: TestingModuleBuilder): TestingModuleBuilder =>
  builder.overrideProvider(AUTH_SETTINGS).useValue(testAuthSettings()).overrideProvider(RATE_LIMITS).useValue(testRateLimits());

export const tempStoreFile = (): string => join(mkdtempSync(join(tmpdir(), 'api-')), 'events.db');

/**
/**
 * The real AppModule on a real SQLite file, with time and ids under the test's control. It
 * trusts the test key of ./auth-header.ts (authenticate with `.set(authHeader('raj'))`) and no
 * development credentials; rate limits are high unless a test sets them. `laterVersions`: also
 * publish state-machines/versions/ on start, as the API does (the default here is the seeds
 * only, version 1 of each process, which the lifecycle specs build on).
 * `referenceData: false`: start without the README's demo reference data.
 */
export async function createTestApp(
  options: {
    file?: string;
    bodyLimit?: string;
    seed?: string;
    rateLimits?: Partial<RateLimits>;
    authSettings?: AuthSettings;
    corsOrigins?: string[];
    trustProxy?: string;
    pollIntervalMs?: number;
    extraControllers?: Type[];
    laterVersions?: boolean;
    referenceData?: boolean;
    /** `worker`: project in a worker thread, as the API does by default (`main`: on the test's event loop, sharing its store object). */
    projectionsThread?: 'worker' | 'main';
  } = {},
): Promise<TestApp> {
  const file = options.file ?? tempStoreFile();
  const clock = new FixedClock(new Date('2026-03-02T09:00:00Z'));
  const store = new SqliteEventStore({ file, now: () => clock.now(), pollIntervalMs: options.pollIntervalMs });
  // The README's reference data (groups, members, services, CIs, catalog items), as an operator
  // would seed it with the CLI; a second app on the same file finds it there and writes nothing.
  if (options.referenceData !== false) await seedDemoReferenceData(store, clock, options.seed ?? file);
  const moduleRef = await Test.createTestingModule({ imports: [AppModule], controllers: options.extraControllers ?? [] })
    .overrideProvider(EVENT_STORE)
    .useValue(store)
    .overrideProvider(CLOCK)
    .useValue(clock)
    .overrideProvider(ID_GENERATOR)
    .useValue(new SequentialIds(options.seed ?? file))
    // Read models beside this test's store file, never in ./data.
    .overrideProvider(READ_MODELS_SETTINGS)
    .useValue(readModelsSettings({ EVENT_STORE_FILE: file, READ_MODELS_THREAD: options.projectionsThread ?? 'main', READ_MODELS_STREAM_POLL_MS: '20', READ_MODELS_MAX_WAIT_MS: '1000', READ_MODELS_STREAM_MAX_MS: '300' }))
    .overrideProvider(LIFECYCLE_VERSIONS_DIR)
    .useValue(options.laterVersions ? join(process.cwd(), 'state-machines', 'versions') : null)
    .overrideProvider(AUTH_SETTINGS)
    .useValue(options.authSettings ?? testAuthSettings())
    .overrideProvider(RATE_LIMITS)
    .useValue(testRateLimits(options.rateLimits))
    // Tests tick their own scheduler against the fake clock.
    .overrideProvider(SLA_SCHEDULER_INTERVAL)
    .useValue(0)
    .compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: false });
  const document = setUpApp(app, { bodyLimit: options.bodyLimit ?? '100kb', corsOrigins: options.corsOrigins, trustProxy: options.trustProxy });
  await app.init();
  return { app, document, store, clock, file, close: () => app.close() };
}
