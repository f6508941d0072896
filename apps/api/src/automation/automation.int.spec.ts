import { AutomationRunners } from './automation-runners.service';
import { as, createTestApp, type TestApp } from '../test-support/test-app';

const incident = { title: 'VPN down for the Leeds office', caller: 'caller:bob', service: 'vpn', impact: 'high', urgency: 'medium' };
const ASSIGN_VPN = { id: 'vpn-to-network', kind: 'auto-assign', process: 'incident', order: 10, when: { service: 'vpn' }, then: { assignmentGroup: 'network', assignee: 'raj' } };
const ALWAYS_OPEN = { timeZone: 'UTC', weeklyHours: Object.fromEntries(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((d) => [d, [{ start: '00:00', end: '24:00' }]])) };
const CLOSE_AFTER_1H = { id: 'close-incidents', kind: 'auto-close', process: 'incident', then: { businessMinutes: 60, calendar: ALWAYS_OPEN } };
const STANDARD = { id: 'standard-patching', kind: 'standard-change-approval', process: 'change', when: { template: 'patch-linux' } };

interface ApiEvent {
  id: string;
  type: string;
  data: Record<string, unknown>;
  envelope: { actor: string; causationId: string | null };
}

describe('Automation rules over HTTP, run by the API (ITIL_POLICIES=on)', () => {
  let t: TestApp;
  let runners: AutomationRunners;
  const saved = { ITIL_POLICIES: process.env.ITIL_POLICIES, AUTOMATION_TIMER_INTERVAL_MS: process.env.AUTOMATION_TIMER_INTERVAL_MS };
  const http = () => as(t.app, 'olga');
  const events = async (resource: string, id: string): Promise<ApiEvent[]> => (await http().get(`/${resource}/${id}/events`).expect(200)).body;
  beforeAll(async () => {
    process.env.ITIL_POLICIES = 'on';
    process.env.AUTOMATION_TIMER_INTERVAL_MS = '0'; // the test fires the timers against its fake clock
    t = await createTestApp({ laterVersions: true });
    runners = t.app.get(AutomationRunners);
  });
  afterAll(async () => {
    await t.close();
    // Other spec files in this Jest worker start with the environment they expect.
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  describe('publishing a rule', () => {
    const publish = (rule: unknown, expectedVersion = 0) => http().post('/automation-rules').send({ rule, expectedVersion });
    const refused = async (rule: unknown) => {
      const res = await publish(rule).expect(400);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(res.body.code).toBe('AUTOMATION.INVALID_RULE');
      return (res.body.errors as { path: string; code: string }[]).map((e) => `${e.path} ${e.code}`);
    };

    it('refuses unknown fields, processes, groups and assignees outside the group (400 at each path), writing nothing', async () => {
      expect(await refused({ ...ASSIGN_VPN, id: 'bad-1', priority: 1, when: { service: 'vpn', impact: 'high' } })).toEqual(['$.priority UNKNOWN_FIELD', '$.when.impact UNKNOWN_FIELD']);
      expect(await refused({ ...ASSIGN_VPN, id: 'bad-2', process: 'incidents', then: { assignmentGroup: 'no-such-group' } })).toEqual(['$.process UNKNOWN_REFERENCE', '$.then.assignmentGroup UNKNOWN_REFERENCE']);
      expect(await refused({ ...ASSIGN_VPN, id: 'bad-3', then: { assignmentGroup: 'network', assignee: 'mei' } })).toEqual(['$.then.assignee NOT_A_MEMBER']);
      expect(await refused({ ...ASSIGN_VPN, id: 'bad-4', when: { service: 'no-such-service' } })).toEqual(['$.when.service UNKNOWN_REFERENCE']);
      for (const id of ['bad-1', 'bad-2', 'bad-3', 'bad-4']) await http().get(`/automation-rules/${id}`).expect(404);
      expect((await http().get('/automation-rules').expect(200)).body).toEqual([]);
    });

    it('publishes versions with the version reviewed: a stale one is 409, the same content again 422', async () => {
      const first = await publish({ ...ASSIGN_VPN, id: 'versioned' }).expect(201);
      expect(first.body).toMatchObject({ id: 'versioned', version: 1, publishedBy: 'user:olga', rule: { order: 10, enabled: true } });
      expect(first.headers.location).toBe('/automation-rules/versioned/versions/1');
      expect((await publish({ ...ASSIGN_VPN, id: 'versioned', enabled: false }, 0).expect(409)).body).toMatchObject({ code: 'AUTOMATION.VERSION_CONFLICT', expectedVersion: 0, actualVersion: 1 });
      await publish({ ...ASSIGN_VPN, id: 'versioned' }, 1).expect(422);
      await publish({ ...ASSIGN_VPN, id: 'versioned', enabled: false }, 1).expect(201);
      expect((await http().get('/automation-rules/versioned').expect(200)).body).toMatchObject({ liveVersion: 2, versions: [{ version: 1 }, { version: 2, rule: { enabled: false } }] });
      await http().get('/automation-rules/versioned/versions/3').expect(404);
    });

    it('is for process owners: an agent may read the rules, not publish one (403)', async () => {
      await as(t.app, 'ana', ['agent']).post('/automation-rules').send({ rule: ASSIGN_VPN, expectedVersion: 0 }).expect(403);
      await as(t.app, 'ana', ['agent']).get('/automation-rules').expect(200);
    });
  });

  describe('the rules at work', () => {
    beforeAll(async () => {
      for (const rule of [ASSIGN_VPN, CLOSE_AFTER_1H, STANDARD]) await http().post('/automation-rules').send({ rule, expectedVersion: 0 }).expect(201);
    });

    it('assigns a new VPN incident to the network group as rule:vpn-to-network@1, caused by its logging', async () => {
      const { id } = (await http().post('/incidents').send(incident).expect(201)).body;
      await runners.settled();
      expect((await http().get(`/incidents/${id}`).expect(200)).body).toMatchObject({ status: 'assigned', fields: { assignmentGroup: 'network', assignee: 'raj' } });
      const [logged, assigned] = await events('incidents', id);
      expect(assigned).toMatchObject({ type: 'IncidentAssigned', envelope: { actor: 'rule:vpn-to-network@1', causationId: logged.id } });
    });

    it('closes a resolved incident an hour of business time after its resolution, as rule:close-incidents@1', async () => {
      const { id } = (await http().post('/incidents').send({ ...incident, service: 'email' }).expect(201)).body;
      await http().post(`/incidents/${id}/assign`).send({ assignmentGroup: 'email', assignee: 'mei' }).expect(200);
      await http().post(`/incidents/${id}/start-work`).expect(200);
      await http().post(`/incidents/${id}/resolve`).send({ resolutionCode: 'fix', resolutionNotes: 'Quota raised' }).expect(200);
      await runners.settled();
      t.clock.advance(59 * 60_000);
      await runners.tick();
      expect((await http().get(`/incidents/${id}`).expect(200)).body.status).toBe('resolved');
      t.clock.advance(60_000);
      await runners.tick();
      expect((await http().get(`/incidents/${id}`).expect(200)).body.status).toBe('closed');
      const closed = (await events('incidents', id)).at(-1)!;
      expect(closed).toMatchObject({ type: 'IncidentClosed', envelope: { actor: 'rule:close-incidents@1' } });
    });

    it('authorises a standard change raised from its template, caused by its raising (the template is the actor change enablement accepts)', async () => {
      const window = { plannedStart: '2026-03-10T22:00:00Z', plannedEnd: '2026-03-10T23:00:00Z' };
      const { id } = (await http().post('/changes?lifecycle=change-standard').send({ templateId: 'patch-linux', ...window }).expect(201)).body;
      await runners.settled();
      expect((await http().get(`/changes/${id}`).expect(200)).body.status).toBe('scheduled');
      const [raised, authorised] = await events('changes', id);
      expect(authorised).toMatchObject({ type: 'ChangeAuthorisedByTemplate', envelope: { actor: 'template:patch-linux@1', causationId: raised.id } });
      expect(authorised.data.note).toMatch(/automation rule standard-patching v1/);
    });

    it('reports that this instance runs the rules, with each runner’s outcomes', async () => {
      await runners.settled();
      const status = (await http().get('/automation/status').expect(200)).body;
      expect(status).toMatchObject({ enabled: true, timersWaiting: 0 });
      expect(Object.fromEntries(status.runners.map((r: { reactor: string; outcomes: { written: number } }) => [r.reactor, r.outcomes.written]))).toEqual({
        'automation-auto-assign': 1,
        'automation-auto-close': 2, // the timer, and its completion once the rule closed the incident
        'automation-standard-change-approval': 1,
      });
    });
  });
});
