import { SqliteEventStore } from '@itil/event-store';
import { whatIf, type WhatIfOptions, type WhatIfReport, formatWhatIf, type LifecycleDefinition } from '@itil/lifecycles';
import { incidentWithoutVendorPending, seed } from '@itil/lifecycles/test-support/definitions';
import { FIXTURE_START, generateIncidentFixture } from '@itil/incident/testing/incident-fixture';
import { ALL_GUARDS } from '../all-guards';

/**
 * 10,000 incidents with known histories (testing/incident-fixture.ts): of every 20, 1 new,
 * 2 assigned, 3 in progress, 2 awaiting the caller, 1 awaiting a vendor, 1 resolved after a
 * vendor wait, 5 closed, 1 cancelled, 2 closed after a first-touch resolution, 2 closed after a
 * reopen. The draft drops the vendor pending state and first-touch resolution.
 */
describe('What-if replay of 10,000 incident histories against a draft', () => {
  const store = new SqliteEventStore({ file: ':memory:' });
  const run = (draft: LifecycleDefinition, extra: Partial<WhatIfOptions> = {}) => whatIf(store, { process: 'incident', draft, ticketStreamPrefix: 'incident-', ...extra });
  let report: WhatIfReport;
  beforeAll(async () => {
    const fixture = await generateIncidentFixture(store, { count: 10_000 });
    expect(fixture.byShape).toMatchObject({ pendingVendor: 500, vendorResumed: 500, firstTouch: 1000 });
    report = await run(incidentWithoutVendorPending(), { detailLimit: 10_000 });
  }, 60_000);
  afterAll(() => store.close());

  it('counts exactly the histories the draft rejects and the tickets it strands', () => {
    expect(report.totals).toEqual({ tickets: 10_000, accepted: 8_000, rejected: 2_000, inFlight: 5_000, stranded: 500, affected: 2_000 });
    expect(report.rejections.byReason).toEqual({ TARGET_DIFFERS: 1_000, EVENT_NOT_HANDLED: 1_000 });
    expect(report.rejections.byTransition).toEqual(
      expect.arrayContaining([
        { from: 'inProgress', via: 'PEND', to: 'awaitingVendor', reason: 'TARGET_DIFFERS', count: 1_000 },
        { from: 'assigned', via: 'RESOLVE', to: 'resolved', reason: 'EVENT_NOT_HANDLED', count: 1_000 },
      ]),
    );
    expect(report.stranded.byState).toEqual([{ state: 'awaitingVendor', reason: 'STATE_REMOVED', count: 500 }]);
    expect(report.byVersion).toEqual([{ version: 1, tickets: 10_000 }]);
    expect(report.stats.eventsRead).toBeGreaterThan(40_000);
    expect(report.stats.ticketsPerSecond).toBeGreaterThan(0);
  });

  it('says for each affected ticket at which transition and why', () => {
    expect(report.tickets).toHaveLength(2_000);
    // Ticket 8 waits on a vendor; ticket 16 was resolved at first touch.
    const vendor = report.tickets.find((t) => t.state === 'awaitingVendor')!;
    expect(vendor).toMatchObject({
      inFlight: true,
      stranded: 'STATE_REMOVED',
      rejection: { reason: 'TARGET_DIFFERS', step: 3, revision: 3, from: 'inProgress', via: 'PEND', to: 'awaitingVendor', draftAllows: ['awaitingCaller'] },
    });
    const firstTouch = report.tickets.find((t) => t.rejection?.reason === 'EVENT_NOT_HANDLED')!;
    expect(firstTouch).toMatchObject({ state: 'closed', inFlight: false, stranded: null, rejection: { step: 2, from: 'assigned', via: 'RESOLVE', draftAllows: ['ASSIGN', 'CANCEL', 'START_WORK'] } });
  });

  it('accepts every history under the version the tickets run on, guards included', async () => {
    const report = await run(seed('incident'), { checkGuards: true, guards: ALL_GUARDS });
    expect(report.totals).toMatchObject({ tickets: 10_000, accepted: 10_000, rejected: 0, stranded: 0 });
  });

  it('re-runs guards on recorded data only when asked', async () => {
    const strict = seed('incident');
    (strict.states.inProgress.on!.RESOLVE as { guard: string }).guard = 'hasRootCause';
    expect((await run(strict)).totals.rejected).toBe(0);
    const checked = await run(strict, { checkGuards: true, guards: ALL_GUARDS });
    // Resolved from in progress: 500 after a vendor wait, 2,500 closed, 1,000 reopened.
    expect(checked.rejections.byReason).toEqual({ GUARD_REFUSED: 4_000 });
  });

  it('rejects every history when the draft starts tickets elsewhere, and strands the new ones', async () => {
    const d = seed('incident');
    d.initial = 'triage';
    d.states.triage = { meta: { category: 'new', sla: 'running' }, on: { ASSIGN: { target: 'assigned', guard: 'hasAssignmentGroup' }, CANCEL: { target: 'cancelled', guard: 'hasCancellationReason' } } };
    delete d.states.new;
    const report = await run(d, { detailLimit: 0 });
    expect(report.rejections.byReason).toEqual({ INITIAL_STATE_DIFFERS: 10_000 });
    expect(report.stranded.byState).toEqual([{ state: 'new', reason: 'STATE_REMOVED', count: 500 }]);
    expect([report.tickets.length, report.detailTruncated]).toEqual([0, true]);
  });

  it('filters by current state, by opening date and to tickets in flight', async () => {
    const vendor = await run(incidentWithoutVendorPending(), { filter: { states: ['awaitingVendor'] } });
    expect(vendor.totals).toEqual({ tickets: 500, accepted: 0, rejected: 500, inFlight: 500, stranded: 500, affected: 500 });
    // Ticket n opens n minutes after the start: the first 2,000 are 100 cycles of 20.
    const early = await run(incidentWithoutVendorPending(), { filter: { openedBefore: new Date(FIXTURE_START.getTime() + 2_000 * 60_000).toISOString() } });
    expect(early.totals).toEqual({ tickets: 2_000, accepted: 1_600, rejected: 400, inFlight: 1_000, stranded: 100, affected: 400 });
    expect(early.stats.ticketsSkipped).toBe(8_000);
    const inFlight = await run(incidentWithoutVendorPending(), { filter: { inFlightOnly: true } });
    expect(inFlight.totals).toMatchObject({ tickets: 5_000, rejected: 1_000, stranded: 500 });
  });

  it('reads $all in pages and reports its progress up to the head', async () => {
    const positions: bigint[] = [];
    const report = await run(incidentWithoutVendorPending(), { pageSize: 10_000, onProgress: (p) => positions.push(p.position) });
    expect(report.stats.pages).toBe(positions.length);
    expect(positions.length).toBeGreaterThan(4);
    expect([...positions].sort((a, b) => (a < b ? -1 : 1))).toEqual(positions);
    expect(positions[positions.length - 1]).toBe(await store.headPosition());
  });

  it('reads as a summary a process owner can act on', () => {
    const text = formatWhatIf(report, { maxTickets: 2 });
    expect(text).toContain('rejected  2,000');
    expect(text).toContain('1,000  inProgress --PEND--> awaitingVendor  [TARGET_DIFFERS]');
    expect(text).toContain('500  awaitingVendor  [STATE_REMOVED]');
    expect(text).toMatch(/tickets\/s/);
  });
});
