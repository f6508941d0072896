import { Test } from '@nestjs/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import Database from 'better-sqlite3';
import request from 'supertest';
import { SqliteEventStore } from '@itil/event-store';
import { AppModule } from '../app.module';
import { setUpApp } from '../app.setup';
import { EVENT_STORE } from '../engine/engine.tokens';
import { READ_MODELS_SETTINGS, readModelsSettings } from '../read-models/read-models.settings';
import { authHeader, createTestApp, tempStoreFile, withTestAuth } from '../test-support/test-app';

/** The real app on a store file that is full: the file is capped at the pages it already has. */
async function appOnFullStore(): Promise<{ app: NestExpressApplication; store: SqliteEventStore }> {
  const file = tempStoreFile();
  const seeded = await createTestApp({ file, laterVersions: true }); // seeds the lifecycle catalog (v1..vN, as the app below) while there is room
  await seeded.close();
  await seeded.store.close();
  const raw = new Database(file);
  const pages = raw.pragma('page_count', { simple: true }) as number;
  raw.close();
  const store = new SqliteEventStore({ file, maxPageCount: pages });
  const moduleRef = await withTestAuth(Test.createTestingModule({ imports: [AppModule] })).overrideProvider(EVENT_STORE)
    .useValue(store)
    // Read models beside this test's store (never ./data), projected on the test's event loop.
    .overrideProvider(READ_MODELS_SETTINGS)
    .useValue(readModelsSettings({ EVENT_STORE_FILE: file, READ_MODELS_THREAD: 'main' }))
    .compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: false });
  setUpApp(app, { bodyLimit: '100kb' });
  await app.init();
  return { app, store };
}

describe('HTTP on a full event store', () => {
  it('answers 503 problem+json EVENT_STORE.STORAGE_FULL (never 500) and stores exactly what it acknowledged', async () => {
    const { app, store } = await appOnFullStore();
    const server = app.getHttpServer();
    const answers: request.Response[] = [];
    // The free space left in the last pages takes a few incidents; then the store is full.
    for (let i = 0; i < 200 && !answers.some((a) => a.status === 503); i++) {
      answers.push(await request(server).post('/incidents').set(authHeader('tester')).send({ title: `Disk ${i} full`, caller: 'bob', impact: 'low', urgency: 'low' }));
      if (answers[answers.length - 1].status === 400) throw new Error(JSON.stringify(answers[answers.length - 1].body));
    }
    expect([...new Set(answers.map((a) => a.status))].sort()).toEqual(answers[0].status === 503 ? [503] : [201, 503]);
    const full = answers[answers.length - 1];
    expect(full.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(full.body).toMatchObject({ status: 503, code: 'EVENT_STORE.STORAGE_FULL' });
    expect(full.headers['retry-after']).toBe('1');
    for (const created of answers.filter((a) => a.status === 201)) {
      expect(await store.readStream(`incident-${created.body.id}`)).toHaveLength(1);
    }
    // The refused request wrote nothing: no incident stream beyond those acknowledged.
    const incidents = (await store.readAll({ filter: { streamNamePrefixes: ['incident-'] } })).map((e) => e.streamId);
    expect(new Set(incidents).size).toBe(answers.length - 1);
    await app.close();
    await store.close();
  });
});
