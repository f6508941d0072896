import request from 'supertest';
import { authHeader } from '../test-support/auth-header';
import { createTestApp, type TestApp } from '../test-support/test-app';
import { READ_TICKETS, ROLES, WORK_TICKETS, type Role } from './roles';

/*
 * Every endpoint x every role (and no credential). Endpoints come from the running app's router,
 * so an endpoint added on any branch is walked without touching this file; each must appear in
 * the OpenAPI document with `x-roles` or `x-public`. For each: a role outside the declaration
 * gets 403 and appends nothing, a role inside gets past the guard; independent of what the code
 * declares, an auditor passes every read and no command, and a reporter passes no command and no
 * ticket or lifecycle read (it reads read models only).
 */

interface Endpoint {
  method: string;
  path: string;
  roles?: Role[];
  public?: boolean;
}

/** What we decided for the endpoints that exist today; a new endpoint is held to the invariants. */
const DECIDED: Record<string, Role[] | 'public'> = {
  'GET /health': 'public',
  'GET /metrics': 'public',
  'GET /auth/me': [...ROLES],
  'POST /api-keys': ['admin'],
  'GET /api-keys': ['auditor'],
  'POST /api-keys/{id}/revoke': ['admin'],
  'GET /incidents/{id}': READ_TICKETS,
  'GET /incidents/{id}/events': READ_TICKETS,
  'GET /lifecycles': READ_TICKETS,
  'GET /lifecycles/{process}': READ_TICKETS,
  'GET /lifecycles/{process}/versions/{version}': READ_TICKETS,
  'GET /lifecycles/{process}/versions/{version}/diagram.mmd': READ_TICKETS,
  'GET /lifecycles/{process}/versions/{version}/diagram.svg': READ_TICKETS,
  'GET /lifecycles/{process}/drafts/{draft}': READ_TICKETS,
  'GET /lifecycles/{process}/diff': READ_TICKETS,
  'POST /lifecycles/{process}/drafts/validate': ['process-owner'],
  'POST /lifecycles/{process}/drafts': ['process-owner'],
  'POST /lifecycles/{process}/drafts/{draft}/discard': ['process-owner'],
  'POST /lifecycles/{process}/what-if': ['process-owner'],
  'POST /lifecycles/{process}/publish': ['process-owner'],
  'POST /lifecycles/{process}/migrations': ['process-owner'],
};
// The incident runs on the ticket engine: one route for every lifecycle event ({event}), plus its fixed sub-resources.
for (const command of ['', '/{id}/{event}', '/{id}/comments', '/{id}/work-log', '/{id}/links']) {
  DECIDED[`POST /incidents${command}`] = WORK_TICKETS;
}
DECIDED['PATCH /incidents/{id}'] = WORK_TICKETS;
DECIDED['DELETE /incidents/{id}/links/{linkId}'] = WORK_TICKETS;

/** Ticket history and process definitions: readable by an auditor, never by a reporter. */
const NOT_A_READ_MODEL = /^\/(incidents|problems|changes|releases|requests|lifecycles|api-keys)(\/|$)/;

/** Express 5's routing table: method + path of every route Nest registered. */
function routesOf(t: TestApp): { method: string; path: string }[] {
  const router = (t.app.getHttpAdapter().getInstance() as { router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] } }).router;
  return router.stack
    .filter((layer) => layer.route)
    .flatMap((layer) => Object.keys(layer.route!.methods).map((m) => ({ method: m.toUpperCase(), path: layer.route!.path.replace(/:(\w+)/g, '{$1}') })))
    .filter((r) => !r.path.startsWith('/docs'));
}

function endpointsOf(t: TestApp): Endpoint[] {
  return routesOf(t).map(({ method, path }) => {
    const operation = t.document.paths[path]?.[method.toLowerCase() as 'get'] as Record<string, unknown> | undefined;
    if (!operation) throw new Error(`${method} ${path} is routed but missing from the OpenAPI document`);
    return { method, path, roles: operation['x-roles'] as Role[] | undefined, public: operation['x-public'] === true };
  });
}

const sample = (name: string) => (/id$/i.test(name) ? '0b0d3c5e-1111-4222-8333-944455556666' : name === 'process' ? 'incident' : /version|draft/.test(name) ? '1' : 'x');
const concrete = (path: string) => path.replace(/\{(\w+)\}/g, (_, name: string) => sample(name)) + (path.endsWith('/diff') ? '?from=1&to=1' : '');
const key = (e: Endpoint) => `${e.method} ${e.path}`;

describe('Role matrix: every endpoint x every role', () => {
  let t: TestApp;
  let endpoints: Endpoint[];
  beforeAll(async () => {
    t = await createTestApp();
    endpoints = endpointsOf(t);
  });
  afterAll(() => t.close());

  it('finds the endpoints, each declaring its roles or being public', () => {
    expect(endpoints.length).toBeGreaterThanOrEqual(Object.keys(DECIDED).length);
    expect(Object.keys(DECIDED).filter((k) => !endpoints.some((e) => key(e) === k))).toEqual([]);
    expect(endpoints.filter((e) => !e.public && !e.roles?.length).map(key)).toEqual([]);
  });

  it('declares what was decided for the endpoints that exist today', () => {
    for (const e of endpoints.filter((e) => DECIDED[key(e)])) {
      const decided = DECIDED[key(e)];
      expect([key(e), e.public ? 'public' : [...e.roles!].sort()]).toEqual([key(e), decided === 'public' ? 'public' : [...decided].sort()]);
    }
  });

  it('holds every endpoint to the invariants: auditors read everything and command nothing, reporters read only read models', () => {
    for (const e of endpoints.filter((e) => !e.public)) {
      const roles = e.roles!;
      const read = e.method === 'GET';
      expect([key(e), 'auditor', roles.includes('auditor')]).toEqual([key(e), 'auditor', read]);
      if (!read || NOT_A_READ_MODEL.test(e.path)) expect([key(e), 'reporter', roles.includes('reporter')]).toEqual([key(e), 'reporter', false]);
    }
  });

  it('answers each request as declared, and a refused one appends nothing', async () => {
    const outcomes: string[] = [];
    for (const e of endpoints) {
      for (const role of [undefined, ...ROLES] as (Role | undefined)[]) {
        const before = await t.store.headPosition();
        let req = request(t.app.getHttpServer())[e.method.toLowerCase() as 'get'](concrete(e.path));
        if (role) req = req.set(authHeader(`matrix-${role}`, [role]));
        const res = await req.send(e.method === 'GET' ? undefined : {});
        const allowed = e.public || (role !== undefined && (role === 'admin' || e.roles!.includes(role)));
        const expected = allowed ? 'passes the guard' : role === undefined ? '401 AUTH.UNAUTHENTICATED' : '403 AUTH.FORBIDDEN';
        // A 403 with a domain code (e.g. approving one's own change) got past the guard.
        const byGuard = (res.status === 401 || res.status === 403) && String(res.body.code).startsWith('AUTH.');
        const actual = byGuard ? `${res.status} ${res.body.code}` : res.status === 429 ? 'rate limited' : 'passes the guard';
        if (actual !== expected) outcomes.push(`${key(e)} as ${role ?? 'nobody'}: expected ${expected}, got ${res.status} ${res.body?.code ?? ''}`);
        if (!allowed && (await t.store.headPosition()) !== before) outcomes.push(`${key(e)} as ${role ?? 'nobody'}: refused but appended`);
      }
    }
    expect(outcomes).toEqual([]);
    // Every endpoint x nine identities, one request at a time: 20-30 s on a loaded machine.
  }, 180_000);
});
