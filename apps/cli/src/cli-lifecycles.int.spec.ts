import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEventStore } from '@itil/event-store';
import { brokenIncident, incidentWithoutVendorPending } from '@itil/lifecycles/test-support/definitions';
import { cli, tempDir, writeJson } from './test-support/cli-harness';

describe('CLI: validate (no store needed)', () => {
  const dir = tempDir();

  it('says a good definition is valid and exits 0', async () => {
    const run = await cli(['lifecycles', 'validate', join(__dirname, '../../../state-machines/versions/incident/2.json')]);
    expect(run).toMatchObject({ code: 0, out: expect.stringContaining('valid, no findings') });
  });

  it('lists each finding with its JSON path and exits 1', async () => {
    const run = await cli(['lifecycles', 'validate', writeJson(dir, 'broken.json', brokenIncident()), '--process', 'incident']);
    expect(run.code).toBe(1);
    expect(run.out).toContain('INVALID');
    expect(run.out).toMatch(/error\s+\$\.states\.assigned\.on\.START_WORK\.guard\s+Unknown guard 'hasAsignee'.*Did you mean 'hasAssignee'\?/);
    expect(run.out).toMatch(/error\s+\$\.states\.triage\s+/);
    expect(run.out).toMatch(/error\s+\$\.states\.onHold\s+/);
  });

  it('locates malformed JSON', async () => {
    const run = await cli(['lifecycles', 'validate', writeJson(dir, 'bad.json', '{\n  "id": "incident",\n  "states": [\n}')]);
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/Not valid JSON at line 4, column 1/);
  });

  it('answers usage mistakes with exit 2 and a message', async () => {
    expect(await cli(['lifecycles', 'valdate', 'x.json'])).toMatchObject({ code: 2, err: expect.stringContaining("unknown command 'valdate'") });
    expect(await cli(['lifecycles', 'validate', join(dir, 'missing.json')])).toMatchObject({ code: 2, err: expect.stringContaining('cannot read') });
  });
});

describe('CLI: drafts, publishing and refusals on a store', () => {
  const dir = tempDir();
  const store = join(dir, 'events.db');
  const head = async () => {
    const s = new SqliteEventStore({ file: store });
    const position = await s.headPosition();
    await s.close();
    return position;
  };

  it('seeds the lifecycles on first use and lists them', async () => {
    const run = await cli(['lifecycles', 'list'], { store });
    expect(run.code).toBe(0);
    expect(run.err).toContain('incident: published v1 from incident.json');
    expect(run.out).toMatch(/^incident\s+v1 /m);
    expect(run.out.trim().split('\n')).toHaveLength(7);
  });

  it('refuses to publish an invalid definition, a stale expected version and an unknown process, writing nothing', async () => {
    const before = await head();
    const invalid = await cli(['lifecycles', 'publish', 'incident', writeJson(dir, 'broken.json', brokenIncident()), '--expected-version', '1'], { store });
    expect(invalid.code).toBe(1);
    expect(invalid.err).toContain('error [LIFECYCLE.INVALID_DEFINITION]');
    expect(invalid.err).toContain('$.states.assigned.on.START_WORK.guard');
    const malformed = await cli(['lifecycles', 'publish', 'incident', writeJson(dir, 'malformed.json', '{"id": "incident", '), '--expected-version', '1'], { store });
    expect([malformed.code, malformed.err]).toEqual([1, expect.stringMatching(/LIFECYCLE\.INVALID_DEFINITION.*Not valid JSON/)]);
    const stale = await cli(['lifecycles', 'publish', 'incident', writeJson(dir, 'v2.json', incidentWithoutVendorPending()), '--expected-version', '0'], { store });
    expect([stale.code, stale.err]).toEqual([1, expect.stringContaining('error [LIFECYCLE.VERSION_CONFLICT]: The incident lifecycle is at version 1, not 0')]);
    const unknown = await cli(['lifecycles', 'publish', 'parking', join(dir, 'v2.json'), '--expected-version', '1'], { store });
    expect([unknown.code, unknown.err]).toEqual([1, expect.stringContaining('error [LIFECYCLE.UNKNOWN_PROCESS]')]);
    const notANumber = await cli(['lifecycles', 'publish', 'incident', join(dir, 'v2.json'), '--expected-version', 'latest'], { store });
    expect(notANumber.code).toBe(2);
    expect(await head()).toBe(before);
  });

  it('saves a draft, diffs it, publishes it, and draws both versions', async () => {
    const draft = await cli(['lifecycles', 'draft', 'incident', join(dir, 'v2.json'), '--notes', 'no vendor waits'], { store });
    expect(draft.out).toContain('Saved draft 1 of incident (based on v1)');
    const diff = await cli(['lifecycles', 'diff', 'incident', 'v1', 'draft:1'], { store });
    expect(diff.out).toContain('- state awaitingVendor');
    expect(diff.out).toContain('- transition assigned --RESOLVE--> resolved [hasResolution]');
    const published = await cli(['lifecycles', 'publish', 'incident', 'draft:1', '--expected-version', '1', '--notes', 'approved'], { store });
    expect([published.code, published.out]).toEqual([0, expect.stringMatching(/^Published incident v2 \(sha256:/)]);
    const history = JSON.parse((await cli(['lifecycles', 'history', 'incident', '--json'], { store })).out);
    expect(history.versions.map((v: { version: number; author: string }) => [v.version, v.author])).toEqual([[1, 'system:lifecycle-seed'], [2, 'owner:pat']]);
    expect(history.drafts[0]).toMatchObject({ draft: 1, status: 'published', source: 'cli' });

    const svgFile = join(dir, 'incident-v2.svg');
    expect((await cli(['lifecycles', 'diagram', 'incident', 'v2', '--out', svgFile], { store })).code).toBe(0);
    expect(readFileSync(svgFile, 'utf8')).toMatch(/^<svg [^>]*>\n<title>incident v2<\/title>/);
    const mmd = await cli(['lifecycles', 'diagram', 'incident', '--format', 'mmd'], { store });
    expect(mmd.out).toContain('title: incident v2');
    expect(mmd.out).not.toContain('awaitingVendor');
  });
});

describe('CLI: as a process (npm run cli)', () => {
  it('exits non-zero with the findings when a definition is invalid', () => {
    const dir = tempDir();
    const file = writeJson(dir, 'broken.json', brokenIncident());
    const result = spawnSync('npm', ['run', '-s', 'cli', '--', 'lifecycles', 'validate', file], { cwd: join(__dirname, '../../..'), encoding: 'utf8', timeout: 60_000 });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('$.states.assigned.on.START_WORK.guard');
  }, 60_000);
});
