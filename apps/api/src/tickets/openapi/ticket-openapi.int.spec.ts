import { as, createTestApp, type TestApp } from '../../test-support/test-app';

describe('The OpenAPI document of the generated ticket API', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp({ laterVersions: true })));
  afterAll(() => t.close());

  it('has one operation per event of the live incident versions, with request schemas, roles and problem+json errors', async () => {
    const doc = (await as(t.app, 'raj').get('/docs/openapi.json').expect(200)).body;
    const incidentPaths = Object.keys(doc.paths).filter((p) => p.startsWith('/incidents')).sort();
    expect(incidentPaths).toEqual(
      ['', '/{id}', '/{id}/assign', '/{id}/cancel', '/{id}/close', '/{id}/comments', '/{id}/events', '/{id}/links', '/{id}/links/{linkId}', '/{id}/pend', '/{id}/reopen', '/{id}/resolve', '/{id}/resume', '/{id}/start-work', '/{id}/work-log', '/{id}/{event}'].map((p) => `/incidents${p}`),
    );
    const pend = doc.paths['/incidents/{id}/pend'].post;
    const schema = pend.requestBody.content['application/json'].schema;
    expect(schema).toMatchObject({ type: 'object', additionalProperties: false, properties: { reason: { type: 'string', enum: ['awaiting_caller', 'awaiting_vendor', 'awaiting_change', 'awaiting_problem'] }, note: { type: 'string' } } });
    expect(pend['x-roles']).toEqual(['agent', 'resolver', 'change-manager']);
    expect(pend['x-lifecycle-versions']).toEqual([1, 2]);
    expect(pend.responses[400].content['application/problem+json'].schema.$ref).toBe('#/components/schemas/Problem');
    const open = doc.paths['/incidents'].post.requestBody.content['application/json'];
    expect(open.schema.required).toEqual(['caller', 'impact', 'title', 'urgency']);
    expect(open.example).toEqual({ title: 'VPN down for the Leeds office', caller: 'caller:bob', impact: 'high', urgency: 'medium' });
    expect(doc.paths['/incidents/{id}'].get['x-roles']).toEqual(['agent', 'resolver', 'change-manager', 'cab-member', 'process-owner', 'auditor']);
    // The resolve from `new` pins first-contact resolution; the document says so.
    expect(doc.paths['/incidents/{id}/resolve'].post.description).toMatch(/firstContactResolution=true/);
    expect(doc.components.schemas.Problem).toBeDefined();
    // The route behind them is documented too (the role matrix walks every route).
    expect(doc.paths['/incidents/{id}/{event}'].post['x-roles']).toEqual(['agent', 'resolver', 'change-manager']);
  });
});
