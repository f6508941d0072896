/**
 * Business-time arithmetic: calls per second of `businessTimeBetween` and `addBusinessTime` over spans
 * of a day, a month and a year, next to the minute-walking reference implementation the property
 * tests compare against (run unaided here: no memoised wall-clock readings), with the ratio.
 *
 * The library is measured warm, as a projection rebuild would use it (the calendar's precomputed
 * days are reused across calls); the cost of a cold first call is printed separately.
 *
 * Run: npx tsx bench/run.ts business-time
 */
import { addBusinessTime, businessTimeBetween, compileCalendar, type BusinessCalendar } from '@itil/business-time';
import { ReferenceCalendar } from '@itil/business-time/test-support/reference-business-time';
import { WallClockOracle } from '@itil/business-time/test-support/wall-clock-oracle';

const DAY = 86_400_000;
const SPANS = [
  { label: '1 day', ms: DAY },
  { label: '1 month', ms: 30 * DAY },
  { label: '1 year', ms: 365 * DAY },
];

const UK_BANK_HOLIDAYS = [
  '2024-01-01', '2024-03-29', '2024-04-01', '2024-05-06', '2024-05-27', '2024-08-26', '2024-12-25', '2024-12-26',
  '2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26',
  '2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28',
];
const split = [{ start: '08:00', end: '12:00' }, { start: '13:00', end: '17:30' }];
const calendar: BusinessCalendar = {
  name: 'UK service desk',
  timeZone: 'Europe/London',
  weeklyHours: { monday: split, tuesday: split, wednesday: split, thursday: split, friday: split },
  holidays: UK_BANK_HOLIDAYS.map((date) => ({ date })),
};

/** Deterministic instants spread over 2024-2025, to the millisecond. */
function instants(count: number): number[] {
  let seed = 12_345;
  const next = (): number => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const start = Date.UTC(2024, 0, 1);
  return Array.from({ length: count }, () => start + Math.floor(next() * 2 * 365 * DAY));
}

/** Calls per second of `call`, cycling through its inputs, for at least `budgetMs`, checking the clock every `batch` calls. */
function callsPerSecond(call: (i: number) => number, budgetMs: number, batch: number): number {
  let sink = 0;
  let calls = 0;
  const started = process.hrtime.bigint();
  let elapsedMs = 0;
  do {
    for (let k = 0; k < batch; k++) sink += call(calls++);
    elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
  } while (elapsedMs < budgetMs);
  if (Number.isNaN(sink)) console.log('unreachable');
  return (calls * 1000) / elapsedMs;
}

function millisecondsOf(action: () => void): number {
  const started = process.hrtime.bigint();
  action();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

function format(rate: number): string {
  return rate >= 100 ? Math.round(rate).toLocaleString('en-GB') : rate.toPrecision(3);
}

export async function run(): Promise<void> {
  const froms = instants(4096);
  const reference = new ReferenceCalendar(calendar, new WallClockOracle(calendar.timeZone, false), 400 * DAY);

  // Cold costs: the very first call also pays for loading the zone data into Intl; a later call on
  // a year not seen before pays only for validating and precomputing that year's days.
  const firstCallMs = millisecondsOf(() => businessTimeBetween(calendar, Date.UTC(2030, 0, 1), Date.UTC(2031, 0, 1)));
  const newYearMs = millisecondsOf(() => businessTimeBetween({ ...calendar }, Date.UTC(2032, 0, 1), Date.UTC(2033, 0, 1)));

  const compiled = compileCalendar(calendar);
  // Warm up: precompute the days the measurements touch, and let the JIT settle.
  for (const from of froms) businessTimeBetween(compiled, from, from + 366 * DAY);

  console.log(`calendar: ${calendar.name}, Europe/London, Mon-Fri 08:00-12:00 and 13:00-17:30, ${UK_BANK_HOLIDAYS.length} bank holidays`);
  console.log(`cold: first call of the process over a year ${firstCallMs.toFixed(1)} ms; a new calendar object over a year never seen ${newYearMs.toFixed(1)} ms`);
  console.log('warm (as in a projection rebuild), instants spread over 2024-2025; the reference walks minute by minute, asking luxon');
  console.log('');
  console.log(['span', 'function', 'library calls/s', 'reference calls/s', 'ratio'].map((h, i) => h.padEnd([9, 21, 17, 19, 0][i])).join(''));
  for (const span of SPANS) {
    const durations = froms.map((from) => businessTimeBetween(compiled, from, from + span.ms));
    const cases = [
      {
        name: 'businessTimeBetween',
        fast: (i: number) => businessTimeBetween(compiled, froms[i % froms.length], froms[i % froms.length] + span.ms),
        slow: (i: number) => reference.businessTimeBetween(froms[i % froms.length], froms[i % froms.length] + span.ms),
      },
      {
        name: 'addBusinessTime',
        fast: (i: number) => addBusinessTime(compiled, froms[i % froms.length], durations[i % froms.length]),
        slow: (i: number) => reference.addBusinessTime(froms[i % froms.length], durations[i % froms.length]),
      },
    ];
    for (const { name, fast, slow } of cases) {
      const library = callsPerSecond(fast, 1000, 256);
      const slowRate = callsPerSecond(slow, span.ms > 100 * DAY ? 1 : 1000, 1);
      console.log(
        [span.label, name, format(library), format(slowRate), `${format(library / slowRate)}x`].map((c, i) => c.padEnd([9, 21, 17, 19, 0][i])).join(''),
      );
    }
  }
}
