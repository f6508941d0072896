import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { as, createTestApp, type TestApp } from '../test-support/test-app';

/** The example rules of docs/automation.md publish as they are against the README's demo reference data. */
describe('docs/examples/automation-rules.json', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp()));
  afterAll(() => t.close());

  it('publishes every example rule, listed in the order the matcher tries them', async () => {
    const rules = JSON.parse(readFileSync(join(__dirname, '../../../../docs/examples/automation-rules.json'), 'utf8')) as { id: string }[];
    for (const rule of rules) await as(t.app, 'olga').post('/automation-rules').send({ rule, expectedVersion: 0 }).expect(201);
    const listed = (await as(t.app, 'olga').get('/automation-rules').expect(200)).body as { id: string }[];
    expect(listed.map((r) => r.id)).toEqual(['leeds-router-to-raj', 'vpn-to-network', 'close-resolved-incidents', 'standard-linux-patching']);
  });
});
