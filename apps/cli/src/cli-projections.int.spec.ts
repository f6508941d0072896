import { join } from 'node:path';
import { SqliteEventStore } from '@itil/event-store';
import { generateIncidentFixture } from '@itil/incident/testing/incident-fixture';
import { cli, tempDir } from './test-support/cli-harness';

describe('CLI: projections', () => {
  let store: string;
  beforeEach(async () => {
    store = join(tempDir(), 'events.db');
    const s = new SqliteEventStore({ file: store });
    await generateIncidentFixture(s, { count: 40 });
    await s.close();
  });

  it('rebuilds a projection with a progress bar and the final events/s, then reports it caught up', async () => {
    const rebuilt = await cli(['projections', 'rebuild', 'tickets'], { store });
    expect(rebuilt.err).not.toContain('error');
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.out).toMatch(/tickets: generation 1 \(v\d+\) rebuilt and live: [\d,]+ events in [\d.]+ s, [\d,]+ events\/s/);
    expect(rebuilt.progress).toContain('rebuild tickets');
    const status = await cli(['projections', 'status', '--json'], { store });
    const tickets = JSON.parse(status.out).find((s: { name: string }) => s.name === 'tickets');
    expect(tickets.live).toMatchObject({ generation: 1, role: 'live', lagEvents: 0, parked: false });
    expect(tickets.lease.holder).toBeNull();
  });

  it('a second rebuild goes into generation 2 beside the first, which retires once the new one is live', async () => {
    await cli(['projections', 'rebuild', 'csi'], { store });
    const again = await cli(['projections', 'rebuild', 'csi'], { store });
    expect(again.out).toContain('csi: generation 2 (v2) rebuilt and live');
    const status = JSON.parse((await cli(['projections', 'status', '--json'], { store })).out);
    expect(status.find((s: { name: string }) => s.name === 'csi').live.generation).toBe(2);
    const text = await cli(['projections', 'status'], { store });
    expect(text.out).toMatch(/csi\s+v2 {2}generation 2 \(v2\)/);
  });

  it('refuses an unknown projection and a decision when nothing is parked, with stable codes', async () => {
    const unknown = await cli(['projections', 'rebuild', 'nope'], { store });
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('READ_MODELS.UNKNOWN_PROJECTION');
    const skip = await cli(['projections', 'skip', 'tickets'], { store });
    expect(skip.code).toBe(1);
    expect(skip.err).toContain('READ_MODELS.PARKED_EVENT_NOT_FOUND');
  });
});
