import { as, createTestApp, tempStoreFile, type TestApp } from '../test-support/test-app';

const QUESTIONNAIRE = '/change-data/risk-questionnaires/default';
/** Version 2 of the default questionnaire: an untested change alone is high risk now. */
const stricter = {
  questions: [
    { id: 'outage', text: 'Does the change need a service outage?', options: [{ value: 'no', score: 0 }, { value: 'yes', score: 3 }] },
    { id: 'tested', text: 'Was it tested in a production-like environment?', options: [{ value: 'yes', score: 0 }, { value: 'no', score: 6 }] },
  ],
  levels: [
    { level: 'low', minScore: 0 },
    { level: 'medium', minScore: 2 },
    { level: 'high', minScore: 6 },
  ],
};
const plan = { implementationPlan: 'drain, upgrade', backoutPlan: 'restore', plannedStart: '2026-03-10T22:00:00Z', plannedEnd: '2026-03-10T23:00:00Z' };

describe('Change data over HTTP: versioned documents in the log', () => {
  let t: TestApp;
  const mo = () => as(t.app, 'mo', ['change-manager']);
  beforeAll(async () => {
    t = await createTestApp({ file: tempStoreFile(), laterVersions: true });
  });
  afterAll(() => t.close());

  it('seeds the defaults on first start, as facts with their author', async () => {
    expect((await mo().get('/change-data/approval-rules').expect(200)).body).toEqual([
      { id: 'default', liveVersion: 1, underReview: false },
      { id: 'emergency', liveVersion: 1, underReview: false },
    ]);
    const q = await mo().get(QUESTIONNAIRE).expect(200);
    expect(q.headers.etag).toBe('"1"');
    expect(q.body).toMatchObject({ liveVersion: 1, versions: [{ version: 1, author: 'system:change-data-seed', source: 'seed' }] });
    const events = await t.store.readStream('changedata-questionnaire-default');
    expect(events.map((e) => e.type)).toEqual(['ChangeRiskQuestionnaireVersionPublished']);
  });

  it('publishes version 2 over the version read; the next assessment uses it and records which', async () => {
    const res = await mo().post(QUESTIONNAIRE).send({ document: stricter, expectedVersion: 1, notes: 'CAB asked for it' }).expect(201);
    expect(res.headers.location).toBe('/change-data/risk-questionnaires/default/versions/2');
    expect(res.body).toMatchObject({ version: 2, author: 'user:mo', notes: 'CAB asked for it', document: { id: 'default', version: 2 } });
    const id = (await mo().post('/changes').send({ title: 'Upgrade the relay', changeOwner: 'olga', service: 'email' }).expect(201)).body.id;
    await mo().post(`/changes/${id}/submit`).send(plan).expect(200);
    await mo().post(`/changes/${id}/assess`).send({ riskAnswers: { outage: 'no', tested: 'no' }, impactAnalysis: 'Mail delayed' }).expect(200);
    expect((await mo().get(`/changes/${id}`).expect(200)).body.fields).toMatchObject({ risk: { questionnaire: { id: 'default', version: 2 }, score: 6, level: 'high' } });
    expect((await mo().get(`${QUESTIONNAIRE}/versions/1`).expect(200)).body.document.questions).toHaveLength(3);
  });

  it('answers a stale version with 409 (body) or 412 (If-Match), and a retried key with the first result', async () => {
    const edit = { ...stricter, questions: stricter.questions.slice(0, 1) };
    expect((await mo().post(QUESTIONNAIRE).send({ document: edit, expectedVersion: 1 }).expect(409)).body).toMatchObject({ code: 'CHANGE.DATA_VERSION_CONFLICT', expectedVersion: 1, actualVersion: 2 });
    expect((await mo().post(QUESTIONNAIRE).set('If-Match', '"1"').send({ document: edit }).expect(412)).body).toMatchObject({ code: 'CHANGE.DATA_PRECONDITION_FAILED', actualVersion: 2 });
    const first = await mo().post(QUESTIONNAIRE).set('If-Match', '"2"').set('Idempotency-Key', 'q-3').send({ document: edit }).expect(201);
    const again = await mo().post(QUESTIONNAIRE).set('If-Match', '"2"').set('Idempotency-Key', 'q-3').send({ document: edit }).expect(201);
    expect([first.body.version, again.body.version, again.body.replayed, again.headers['idempotent-replayed']]).toEqual([3, 3, true, 'true']);
    expect(await t.store.readStream('changedata-questionnaire-default')).toHaveLength(3);
  });

  it('lets only change managers publish (403 for an agent), everyone who reads tickets read', async () => {
    await as(t.app, 'ana', ['agent']).post('/change-data/freeze-calendars/default').send({ document: { windows: [] }, expectedVersion: 1 }).expect(403);
    await as(t.app, 'audrey', ['auditor']).get('/change-data/freeze-calendars/default').expect(200);
  });

  it('flags a template version under review: no standard change from it until a new version is published', async () => {
    const raise = () => mo().post('/changes?lifecycle=change-standard').send({ templateId: 'patch-linux', plannedStart: plan.plannedStart, plannedEnd: plan.plannedEnd });
    const flagged = await mo().post('/change-data/templates/patch-linux/versions/1/review').send({ reason: 'CHG failed: kernel panic' }).expect(200);
    expect(flagged.body).toMatchObject({ underReview: true, written: 1, reviews: [{ version: 1, reason: 'CHG failed: kernel panic', markedBy: 'user:mo' }] });
    expect((await raise().expect(422)).body.errors).toEqual([expect.objectContaining({ path: '$.templateId', code: 'UNDER_REVIEW' })]);
    const v1 = (await mo().get('/change-data/templates/patch-linux/versions/1').expect(200)).body;
    await mo().post('/change-data/templates/patch-linux').send({ document: { ...v1.document, maxDurationMinutes: 120 }, expectedVersion: 1, notes: 'reboot checked first' }).expect(201);
    const raised = (await raise().expect(201)).body.id;
    expect((await mo().get(`/changes/${raised}`).expect(200)).body.fields).toMatchObject({ template: { id: 'patch-linux', version: 2 } });
  });

  it('rebuilds the catalog from the log after a restart, and a second process on the file agrees and seeds nothing', async () => {
    const seeded = async () => (await Promise.all(['approval-rule-default', 'approval-rule-emergency', 'freeze-calendar-default'].map((s) => t.store.readStream(`changedata-${s}`)))).map((e) => e.length);
    const other = await createTestApp({ file: t.file, seed: 'second', laterVersions: true });
    try {
      expect(await seeded()).toEqual([1, 1, 1]);
      expect((await as(other.app, 'mo').get(QUESTIONNAIRE).expect(200)).body.liveVersion).toBe(3);
      await as(other.app, 'mo').post('/change-data/freeze-calendars/default').send({ document: { windows: [] }, expectedVersion: 1, notes: 'freeze lifted' }).expect(201);
    } finally {
      await other.close();
    }
    expect((await mo().get('/change-data/freeze-calendars/default').expect(200)).body).toMatchObject({ liveVersion: 2, document: { windows: [] } });
  });
});

describe('Change data over HTTP: bad input answers 4xx and writes nothing', () => {
  let t: TestApp;
  const mo = () => as(t.app, 'mo', ['change-manager']);
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const refused = async (path: string, body: object, status: number) => {
    const before = await t.store.headPosition();
    const res = await mo().post(path).send(body).expect(status);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(await t.store.headPosition()).toBe(before);
    return res.body as { code: string; findings?: { path: string; code: string }[] };
  };
  const codes = (body: { findings?: { path: string; code: string }[] }) => body.findings?.map((f) => [f.path, f.code]);

  it('an unknown template, version or id is a 404; a malformed id a 400', async () => {
    expect((await mo().get('/change-data/templates/no-such-template').expect(404)).body.code).toBe('CHANGE.UNKNOWN_DATA');
    await mo().get('/change-data/templates/patch-linux/versions/9').expect(404);
    await refused('/change-data/templates/no-such-template/versions/1/review', { reason: 'failed' }, 404);
    expect((await mo().get('/change-data/templates/Not%20An%20Id').expect(400)).body.code).toBe('CHANGE.INVALID_DATA_ID');
  });

  it('a questionnaire with its levels missing: 400 at $.levels', async () => {
    const body = await refused('/change-data/risk-questionnaires/infra', { document: { questions: stricter.questions } }, 400);
    expect([body.code, codes(body)]).toEqual(['CHANGE.INVALID_DATA', [['$.levels', 'REQUIRED']]]);
  });

  it('a freeze window ending before it starts: 422 at the window end', async () => {
    const windows = [{ id: 'quarter-end', start: '2026-03-31T18:00:00Z', end: '2026-03-31T06:00:00Z', reason: 'Quarter close' }];
    const body = await refused('/change-data/freeze-calendars/finance', { document: { windows } }, 422);
    expect([body.code, codes(body)]).toEqual(['CHANGE.DATA_NOT_ALLOWED', [['$.windows[0].end', 'BAD_WINDOW']]]);
  });

  it('unknown fields and wrong types: 400 with each path', async () => {
    const body = await refused('/change-data/approval-rules/infra', { document: { levels: { low: [{ group: 'cab', quorom: 1 }], medium: [{ group: 'cab', quorum: '2' }], high: [{ serviceOwner: true }] }, owner: 'mo' } }, 400);
    expect(codes(body)).toEqual([
      ['$.owner', 'UNKNOWN_FIELD'],
      ['$.levels.low[0].quorom', 'UNKNOWN_FIELD'],
      ['$.levels.medium[0].quorum', 'WRONG_TYPE'],
    ]);
    expect(codes(await refused('/change-data/templates/db-patch', { document: 'a template' }, 400))).toEqual([['$', 'WRONG_TYPE']]);
    expect((await refused('/change-data/templates/db-patch', { document: {}, expectedVersion: 'one' }, 400)).code).toBe('HTTP.INVALID_REQUEST');
    expect((await refused('/change-data/templates/db-patch', { document: {}, colour: 'red' }, 400)).code).toBe('HTTP.INVALID_REQUEST');
  });

  it('a version identical to the live one: 422, nothing published', async () => {
    const live = (await mo().get('/change-data/freeze-calendars/default').expect(200)).body;
    expect((await refused('/change-data/freeze-calendars/default', { document: live.document, expectedVersion: 1 }, 422)).code).toBe('CHANGE.DATA_PUBLISH_NOT_ALLOWED');
  });
});
