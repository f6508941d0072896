import { join } from 'node:path';
import { fixtureIncidentId } from '@itil/incident/testing/incident-fixture';
import { incidentWithoutVendorPending } from '@itil/lifecycles/test-support/definitions';
import { cli, tempDir, writeJson } from './test-support/cli-harness';

describe('CLI: what-if and migration on 10,000 incidents with known histories', () => {
  const dir = tempDir();
  const store = join(dir, 'events.db');
  const draft = writeJson(dir, 'incident-v2.json', incidentWithoutVendorPending());

  beforeAll(async () => {
    const run = await cli(['fixtures', 'incidents', '--count', '10000'], { store });
    expect(run.out).toMatch(/^Wrote 10,000 incidents \(45,929 events\) in [\d.]+ s/);
    expect(run.progress).toContain('100% | 45929/45929');
  }, 120_000);

  it('replays every history against the draft, with exact counts, progress and throughput', async () => {
    const run = await cli(['lifecycles', 'what-if', 'incident', draft, '--json', '--limit', '0'], { store });
    expect(run.code).toBe(0);
    const report = JSON.parse(run.out);
    expect(report.totals).toEqual({ tickets: 10_000, accepted: 8_000, rejected: 2_000, inFlight: 5_000, stranded: 500, affected: 2_000 });
    expect(report.rejections.byReason).toEqual({ TARGET_DIFFERS: 1_000, EVENT_NOT_HANDLED: 1_000 });
    expect(run.progress).toMatch(/what-if \|.*\| 100% \| 10,000 tickets \| 45,929 events/);
    expect(run.err).toMatch(/^what-if: 10,000 tickets, 45,929 events in [\d.]+ s: [\d,]+ tickets\/s, [\d,]+ events\/s$/m);
  });

  it('prints a human summary, filters, and fails on impact when asked', async () => {
    const run = await cli(['lifecycles', 'what-if', 'incident', draft, '--state', 'awaitingVendor', '--fail-on-impact', '--limit', '2'], { store });
    expect(run.code).toBe(3);
    expect(run.out).toContain('What-if for incident: 500 ticket(s) replayed (guards not re-run)');
    expect(run.out).toContain('Affected tickets (2 of 500):');
    expect(run.out).toMatch(/Read 45,929 events in \d+ page\(s\) in [\d.]+ s: [\d,]+ tickets\/s/);
  });

  it('migrates after a dry run: lists every ticket and its target, then writes one event per ticket', async () => {
    await cli(['lifecycles', 'publish', 'incident', draft, '--expected-version', '1'], { store });
    const refused = await cli(['lifecycles', 'migrate', 'incident', '--from', '1', '--to', '2'], { store });
    expect([refused.code, refused.err]).toEqual([1, expect.stringContaining("error [LIFECYCLE.MIGRATION_NOT_ALLOWED]: Migration refused: 500 ticket(s)")]);
    const dry = JSON.parse((await cli(['lifecycles', 'migrate', 'incident', '--from', '1', '--to', '2', '--map', 'awaitingVendor=awaitingCaller', '--json'], { store })).out);
    expect(dry).toMatchObject({ dryRun: true, totals: { tickets: 5_000, migrated: 0 } });
    expect(dry.tickets).toHaveLength(5_000);
    expect(dry.tickets).toContainEqual(expect.objectContaining({ ticketId: fixtureIncidentId(8), fromState: 'awaitingVendor', toState: 'awaitingCaller' }));
    const applied = await cli(['lifecycles', 'migrate', 'incident', '--from', '1', '--to', '2', '--map', 'awaitingVendor=awaitingCaller', '--apply', '--limit', '1'], { store });
    expect(applied.out).toMatch(/^Migrated 5000 incident ticket\(s\) from version 1 to 2\n/);
    const after = JSON.parse((await cli(['lifecycles', 'what-if', 'incident', 'v2', '--json', '--pinned', '2'], { store })).out);
    expect(after.totals).toMatchObject({ tickets: 5_000, inFlight: 5_000, stranded: 0 });
  });
});
