import { FixedClock } from '@itil/engine';
import { SqliteEventStore } from '@itil/event-store';
import { LogWriter, Z, londonOffice, standardPolicy } from '@itil/sla/test-support/sla-fixtures';
import { tempStoreFile } from '../test-support/test-app';
import { SlaSchedulerService } from './sla-scheduler.service';

describe('The API runs the SLA scheduler', () => {
  it('records a breach that came due on its own timer (waiting on the event, not a sleep), and stops cleanly', async () => {
    const clock = new FixedClock(Z('2025-03-03T09:00:00Z'));
    const store = new SqliteEventStore({ file: tempStoreFile(), now: () => clock.now() });
    const log = new LogWriter(store);
    await log.seedLifecycle();
    await log.publish('calendar', 'london-office', 1, londonOffice, Z('2025-01-01T00:00:00Z'));
    await log.publish('policy', 'incident-default', 1, standardPolicy(), Z('2025-01-01T00:00:00Z'));
    await log.open('incident-a', Z('2025-03-03T09:00:00Z'), { priority: 1 });
    clock.set(Z('2025-03-03T14:00:00Z')); // P1: response due 1 business hour after 09:00, resolution 4

    const sub = store.subscribeToAll({ filter: { streamNamePrefixes: ['sla-'] } });
    const breach = (async () => {
      for await (const e of sub) if (e.type === 'SlaBreached') return e;
      return undefined;
    })();
    const service = new SlaSchedulerService(store, clock, 5);
    service.onApplicationBootstrap();
    const breached = await breach;
    await sub.unsubscribe();
    expect(breached).toMatchObject({ streamId: 'sla-incident-a', data: { breachedAt: '2025-03-03T10:00:00.000Z' } }); // the response breach comes first
    // A tick in flight finishes before the store may close.
    await service.beforeApplicationShutdown();
    await store.close();
  });
});
