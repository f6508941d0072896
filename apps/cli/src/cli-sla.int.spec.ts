import { join } from 'node:path';
import { SqliteEventStore } from '@itil/event-store';
import { LogWriter, londonOffice, standardPolicy } from '@itil/sla/test-support/sla-fixtures';
import { cli, tempDir, writeJson } from './test-support/cli-harness';

describe('CLI: sla calendars, policies, status and the scheduler', () => {
  it('validates, publishes and shows versions; refuses bad files with the JSON path and exit 1', async () => {
    const dir = tempDir();
    const store = join(dir, 'events.db');
    const calendar = writeJson(dir, 'london.json', { ...londonOffice, timeZone: 'europe/london' });
    const policy = writeJson(dir, 'policy.json', standardPolicy());
    const bad = writeJson(dir, 'bad.json', standardPolicy({ calendar: 'paris', warnings: [{ percent: 100, actions: [] }] }));

    const invalid = await cli(['sla', 'validate', 'policy', bad], { store });
    expect(invalid.code).toBe(1);
    expect(invalid.out).toContain('$.calendar');
    expect(invalid.out).toContain('$.warnings[0].percent');
    const refused = await cli(['sla', 'publish', 'policy', 'incident-standard', policy, '--expected-version', '0'], { store });
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('$.calendar');
    expect(refused.err).toContain('UNKNOWN_CALENDAR');

    expect((await cli(['sla', 'publish', 'calendar', 'london-office', calendar, '--expected-version', '0'], { store })).out).toContain('Published london-office v1');
    expect((await cli(['sla', 'draft', 'policy', 'incident-standard', policy], { store })).out).toContain('Saved draft 1');
    expect((await cli(['sla', 'publish', 'policy', 'incident-standard', 'draft:1', '--expected-version', '0'], { store })).code).toBe(0);
    const stale = await cli(['sla', 'publish', 'policy', 'incident-standard', policy, '--expected-version', '0'], { store });
    expect([stale.code, stale.err]).toEqual([1, expect.stringContaining('SLA.VERSION_CONFLICT')]);
    const history = await cli(['sla', 'history', 'calendar', 'london-office', '--json'], { store });
    expect(JSON.parse(history.out).versions[0].document.timeZone).toBe('Europe/London');
    expect((await cli(['sla', 'list', 'policy'], { store })).out).toMatch(/incident-standard\s+v1/);
  });

  it('shows a ticket’s SLA status and records its breach with `sla tick`', async () => {
    const dir = tempDir();
    const file = join(dir, 'events.db');
    await cli(['sla', 'publish', 'calendar', 'london-office', writeJson(dir, 'c.json', londonOffice), '--expected-version', '0'], { store: file });
    await cli(['sla', 'publish', 'policy', 'incident-standard', writeJson(dir, 'p.json', standardPolicy()), '--expected-version', '0'], { store: file });
    // A P1 ticket opened long ago (4 h target): breached by now, whatever today is.
    const store = new SqliteEventStore({ file });
    const ticket = 'incident-1d000000-0000-4000-8000-000000000001';
    await new LogWriter(store).open(ticket, new Date('2025-03-03T09:00:00Z'), { priority: 1 });
    await store.close();

    const status = await cli(['sla', 'status', ticket], { store: file });
    expect(status.out).toContain('policy incident-standard@1  calendar london-office@1');
    expect(status.out).toMatch(/resolution running {2}target 4h00m .* BREACHED at 2025-03-03T13:00:00.000Z/);
    expect((await cli(['sla', 'tick'], { store: file })).out).toContain('Recorded 6 warning(s) and breach(es)');
    expect((await cli(['sla', 'tick'], { store: file })).out).toContain('Recorded 0 warning(s)');
    expect((await cli(['sla', 'status', 'incident-00000000-0000-4000-8000-00000000dead'], { store: file })).err).toContain('SLA.UNKNOWN_TICKET');
  });
});
