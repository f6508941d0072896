import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixedClock, SequentialIds } from '@itil/engine';
import { SqliteEventStore } from '@itil/event-store';
import { SlaDocumentInvalidError, RebaselineNotAllowedError, SlaVersionConflictError } from '../sla.errors';
import { LogWriter, londonOffice, standardPolicy, Z } from '../test-support/sla-fixtures';
import { SlaAdmin } from './sla-admin';

const H = 3_600_000;
const who = { actor: 'owner:pat', source: 'api' as const };
const A = 'incident-0a000000-0000-4000-8000-000000000001';
const B = 'incident-0b000000-0000-4000-8000-000000000002';

async function setUp() {
  const store = new SqliteEventStore({ file: join(mkdtempSync(join(tmpdir(), 'sla-admin-')), 'events.db') });
  const clock = new FixedClock(Z('2025-03-03T08:00:00Z'));
  const admin = new SlaAdmin({ store, clock, ids: new SequentialIds('sla-admin') });
  const log = new LogWriter(store);
  await log.seedLifecycle();
  await admin.publish('calendar', 'london-office', { document: londonOffice, expectedVersion: 0 }, who);
  await admin.publish('policy', 'incident-standard', { document: standardPolicy(), expectedVersion: 0 }, who);
  return { store, clock, admin, log };
}

const resolution = (s: Awaited<ReturnType<SlaAdmin['status']>>) => s.clocks.find((c) => c.clock === 'resolution')!;

describe('SLA administration over a real store', () => {
  it('an edit published while a ticket runs leaves its due time alone; new tickets take the edit', async () => {
    const { store, clock, admin, log } = await setUp();
    // Monday 3 March 2025, London = UTC: opened 09:00, P2 resolution 16 h: due Tuesday 17:00.
    await log.open(A, Z('2025-03-03T09:00:00Z'), { priority: 2 });
    clock.set(Z('2025-03-03T10:00:00Z'));
    const before = resolution(await admin.status(A));
    expect(before.dueAt).toBe('2025-03-04T17:00:00.000Z');

    await admin.publish('policy', 'incident-standard', { document: standardPolicy({ targets: { '2': { responseMinutes: 60, resolutionMinutes: 480 } } }), expectedVersion: 1 }, who);
    await log.open(B, Z('2025-03-03T10:00:00Z'), { priority: 2 });
    const a = await admin.status(A);
    const b = await admin.status(B);
    expect([a.policy, resolution(a).dueAt]).toEqual([{ name: 'incident-standard', version: 1 }, '2025-03-04T17:00:00.000Z']);
    expect([b.policy, resolution(b).dueAt]).toEqual([{ name: 'incident-standard', version: 2 }, '2025-03-04T10:00:00.000Z']);
    // B: 8 h from Monday 10:00 = Monday 10:00-17:00 (7 h) + Tuesday 09:00-10:00.
    await store.close();
  });

  it('a re-baseline moves a running clock onto the live versions, recorded with who, why and from what', async () => {
    const { store, clock, admin, log } = await setUp();
    await log.open(A, Z('2025-03-03T09:00:00Z'), { priority: 2 });
    await admin.publish('policy', 'incident-standard', { document: standardPolicy({ targets: { '2': { responseMinutes: 60, resolutionMinutes: 480 } } }), expectedVersion: 1 }, who);
    clock.set(Z('2025-03-03T11:00:00Z'));
    const after = await admin.rebaseline(A, 'contract renegotiated', { actor: 'owner:kim', source: 'api' });
    expect(after).toMatchObject({ policy: { name: 'incident-standard', version: 2 }, baseline: 1, rebaselines: [{ baseline: 1, at: '2025-03-03T11:00:00.000Z', reason: 'contract renegotiated', requestedBy: 'owner:kim' }] });
    // 8 h from Monday 09:00: due Monday 17:00, elapsed so far 2 h.
    expect(resolution(after)).toMatchObject({ dueAt: '2025-03-03T17:00:00.000Z', elapsedMs: 2 * H, targetMs: 8 * H });
    const recorded = await store.readStream(`sla-${A}`);
    expect(recorded.map((e) => [e.type, (e.data as { previous: unknown }).previous, e.metadata.actor])).toEqual([['SlaClockRebaselined', { policy: { name: 'incident-standard', version: 1 }, calendar: { name: 'london-office', version: 1 } }, 'owner:kim']]);
    await expect(admin.rebaseline(A, 'again', who)).rejects.toThrow(RebaselineNotAllowedError);
    await store.close();
  });

  it('a priority change re-targets the clock, elapsed time kept, and the status lists each target with its cause', async () => {
    const { store, clock, admin, log } = await setUp();
    await log.open(A, Z('2025-03-03T09:00:00Z'), { priority: 3 });
    await log.setPriority(A, Z('2025-03-03T10:00:00Z'), 1);
    clock.set(Z('2025-03-03T11:00:00Z'));
    const s = resolution(await admin.status(A));
    expect(s).toMatchObject({ priority: 1, targetMs: 4 * H, elapsedMs: 2 * H, remainingMs: 2 * H, dueAt: '2025-03-03T13:00:00.000Z' });
    expect(s.targets.map((t) => [t.from, t.priority, t.targetMs])).toEqual([
      ['2025-03-03T09:00:00.000Z', 3, 40 * H],
      ['2025-03-03T10:00:00.000Z', 1, 4 * H],
    ]);
    await store.close();
  });

  it('a policy that keeps the opening priority does not re-target', async () => {
    const { store, clock, admin, log } = await setUp();
    await admin.publish('policy', 'incident-standard', { document: standardPolicy({ onPriorityChange: 'keep' }), expectedVersion: 1 }, who);
    await log.open(A, Z('2025-03-03T09:00:00Z'), { priority: 3 });
    await log.setPriority(A, Z('2025-03-03T10:00:00Z'), 1);
    clock.set(Z('2025-03-03T11:00:00Z'));
    expect(resolution(await admin.status(A))).toMatchObject({ priority: 3, targetMs: 40 * H });
    await store.close();
  });

  it('refuses bad documents with their findings and writes nothing', async () => {
    const { store, admin } = await setUp();
    const head = await store.headPosition();
    const refusals: [string, unknown][] = [
      ['calendar', { ...londonOffice, timeZone: 'Mars/Olympus' }],
      ['calendar', { ...londonOffice, weeklyHours: { monday: [{ start: '09:00', end: '13:00' }, { start: '12:00', end: '17:00' }] } }],
      ['policy', standardPolicy({ targets: { '1': { resolutionMinutes: 0 } } })],
      ['policy', standardPolicy({ warnings: [{ percent: 110, actions: [] }] })],
      ['policy', standardPolicy({ calendar: 'paris' })],
    ];
    for (const [kind, document] of refusals) {
      await expect(admin.publish(kind as 'policy', 'x-' + kind, { document, expectedVersion: 0 }, who)).rejects.toThrow(SlaDocumentInvalidError);
      await expect(admin.saveDraft(kind as 'policy', 'x-' + kind, document, who)).rejects.toThrow(SlaDocumentInvalidError);
    }
    await expect(admin.publish('policy', 'incident-standard', { document: standardPolicy({ warnings: [] }), expectedVersion: 0 }, who)).rejects.toThrow(SlaVersionConflictError);
    expect(await store.headPosition()).toBe(head);
    await store.close();
  });

  it('compiles each calendar version once, however many tickets and calls', async () => {
    const { store, clock, admin, log } = await setUp();
    for (let i = 0; i < 20; i++) await log.open(`incident-0c000000-0000-4000-8000-0000000000${String(i).padStart(2, '0')}`, Z('2025-03-03T09:00:00Z'), { priority: 2 });
    clock.set(Z('2025-03-05T09:00:00Z'));
    for (let i = 0; i < 20; i++) await admin.status(`incident-0c000000-0000-4000-8000-0000000000${String(i).padStart(2, '0')}`);
    expect(admin.definitions.compiledCalendars).toBe(1);
    await store.close();
  });
});
