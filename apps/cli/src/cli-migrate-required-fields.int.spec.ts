import { join } from 'node:path';
import { CommandPipeline, FixedClock, SequentialIds } from '@itil/engine';
import { SqliteEventStore } from '@itil/event-store';
import { incidentProcess } from '@itil/incident';
import { incidentWriter } from '@itil/incident/testing/incident-writer';
import { loadLifecycleCatalog } from '@itil/lifecycles';
import { createTicketDecider, streamOf } from '@itil/tickets';
import { ALL_ACTION_NAMES, ALL_GUARDS } from '@itil/processes';
import { incidentWithoutVendorPending } from '@itil/lifecycles/test-support/definitions';
import { cli, STATE_MACHINES_DIR, tempDir, writeJson } from './test-support/cli-harness';

describe('CLI: a migration that would leave tickets without required fields', () => {
  it('is refused, dry run included, naming each ticket and the fields it lacks', async () => {
    const dir = tempDir();
    const store = join(dir, 'events.db');
    // Three incidents assigned to a group only: `inProgress` requires an assignee.
    const events = new SqliteEventStore({ file: store });
    const clock = new FixedClock(new Date('2026-04-01T09:00:00Z'));
    const catalog = await loadLifecycleCatalog({ store: events, directory: STATE_MACHINES_DIR, guards: ALL_GUARDS, actions: ALL_ACTION_NAMES, clock, ids: new SequentialIds('seed') });
    const pipeline = new CommandPipeline(events, new SequentialIds('cmd'));
    const incidents = incidentWriter(pipeline, createTicketDecider(incidentProcess, catalog), () => ({ now: clock.now(), actor: 'agent:ana' }));
    const ids = [1, 2, 3].map((i) => `d0000000-0000-4000-8000-00000000000${i}`);
    for (const incidentId of ids) {
      await incidents.open(incidentId, { title: 'Printer jams', caller: 'caller:bo', impact: 'low', urgency: 'low' });
      await incidents.move(incidentId, 'ASSIGN', { assignmentGroup: 'service-desk' });
    }
    await events.close();
    const v2 = writeJson(dir, 'incident-v2.json', incidentWithoutVendorPending());
    expect((await cli(['lifecycles', 'publish', 'incident', v2, '--expected-version', '1'], { store })).code).toBe(0);

    const refused = await cli(['lifecycles', 'migrate', 'incident', '--from', '1', '--to', '2', '--map', 'assigned=inProgress', '--limit', '2'], { store });
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('error [LIFECYCLE.MIGRATION_NOT_ALLOWED]: Migration refused: 3 ticket(s) would lack fields their new state requires.');
    expect(refused.err).toContain(`  ${streamOf(incidentProcess, ids[0])}: assigned -> inProgress without assignee`);
    expect(refused.err).toContain('  ... and 1 more');
    expect(refused.err).toMatch(/\$\.mapping\.assigned .*\[MISSING_REQUIRED_FIELDS\]/);
    // Without the mapping they stay `assigned`, which v2 lets them be.
    expect((await cli(['lifecycles', 'migrate', 'incident', '--from', '1', '--to', '2', '--apply'], { store })).out).toMatch(/^Migrated 3 incident ticket\(s\)/);
  });
});
