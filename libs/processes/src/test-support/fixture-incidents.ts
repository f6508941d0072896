import { FixedClock, SequentialIds } from '@itil/engine';
import { SqliteEventStore } from '@itil/event-store';
import { generateIncidentFixture } from '@itil/incident/testing/incident-fixture';
import { loadLifecycleCatalog } from '@itil/lifecycles';
import { STATE_MACHINES_DIR } from '@itil/lifecycles/test-support/definitions';
import { ALL_ACTION_NAMES } from '../all-actions';
import { ALL_GUARDS } from '../all-guards';

/**
 * An in-memory store with the lifecycle catalog loaded from state-machines/ (every process's
 * guards and actions) and `count` fixture incidents on incident v1, at a fixed clock: the start
 * of the lifecycle migration specs.
 */
export async function fixtureIncidents(count: number) {
  const store = new SqliteEventStore({ file: ':memory:' });
  const clock = new FixedClock(new Date('2026-04-01T09:00:00Z'));
  const ids = new SequentialIds();
  const catalog = await loadLifecycleCatalog({ store, directory: STATE_MACHINES_DIR, guards: ALL_GUARDS, actions: ALL_ACTION_NAMES, clock, ids });
  await generateIncidentFixture(store, { count });
  return { store, clock, ids, catalog };
}
