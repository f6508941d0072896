import { as, createTestApp, type TestApp } from '../test-support/test-app';
import { PoliciesModule } from './policies.module';

const STANDARD = { id: 'standard-patching', kind: 'standard-change-approval', process: 'change', when: { template: 'patch-linux' } };
const window = { plannedStart: '2026-03-10T22:00:00Z', plannedEnd: '2026-03-10T23:00:00Z' };

/** The template-review-on-failure policy as the API runs it (ITIL_POLICIES=on), on change lifecycle version 3. */
describe('A failed standard change puts its template under review (API, policies on)', () => {
  let t: TestApp;
  const saved = process.env.ITIL_POLICIES;
  const mo = () => as(t.app, 'mo', ['change-manager']);
  const settled = () => t.app.get(PoliciesModule).settled();
  beforeAll(async () => {
    process.env.ITIL_POLICIES = 'on';
    t = await createTestApp({ laterVersions: true });
    await as(t.app, 'olga').post('/automation-rules').send({ rule: STANDARD, expectedVersion: 0 }).expect(201);
  });
  afterAll(async () => {
    await t.close();
    if (saved === undefined) delete process.env.ITIL_POLICIES;
    else process.env.ITIL_POLICIES = saved;
  });

  it('marks the version the change was raised from, and no new change is raised from it', async () => {
    const { id } = (await mo().post('/changes?lifecycle=change-standard').send({ templateId: 'patch-linux', ...window }).expect(201)).body;
    await settled();
    expect((await mo().get(`/changes/${id}`).expect(200)).body).toMatchObject({ status: 'scheduled', lifecycle: { version: 3 } });
    await mo().post(`/changes/${id}/start-implementation`).send({ implementer: 'raj' }).expect(200);
    await mo().post(`/changes/${id}/fail`).send({ failureNotes: 'kernel panic on reboot' }).expect(200);
    await settled();

    const template = (await mo().get('/change-data/templates/patch-linux').expect(200)).body;
    expect(template).toMatchObject({ liveVersion: 1, underReview: true, reviews: [{ version: 1, changeId: id, reason: 'kernel panic on reboot', markedBy: 'policy:template-review-on-failure' }] });
    const refused = await mo().post('/changes?lifecycle=change-standard').send({ templateId: 'patch-linux', ...window }).expect(422);
    expect(refused.body.errors).toEqual([expect.objectContaining({ path: '$.templateId', code: 'UNDER_REVIEW' })]);
  });
});
