/**
 * HTTP under a fixed, evenly paced load (issue 21): the built API on loopback, p50/p90/p99 at fixed
 * rates for creations and for transitions on existing incidents, the API's event-loop delay at
 * each rate (what bounds latency), and the highest rate that keeps p99 under 25 ms.
 * BENCH_HTTP_SECONDS (default 20) per rate; BENCH_HTTP_RATES (default 500,1000,2000).
 */
import { mainThreadOf, startApi, type ApiProcess } from './http-load/api-process';
import { pacedLoad, type LoadResult } from './http-load/paced-load';
import { creation as creationOf, openIncidents, transition as transitionOf } from './http-load/scenarios';
import { writeResults } from './support/results';

const SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 20);
const RATES = (process.env.BENCH_HTTP_RATES ?? '500,1000,2000').split(',').map(Number);
const SEARCH_SECONDS = Number(process.env.BENCH_HTTP_SEARCH_SECONDS ?? 5);
const P99_LIMIT_MS = 25;
const WARM_UP_SECONDS = Number(process.env.BENCH_HTTP_WARM_UP_SECONDS ?? 10);

const row = (scenario: string, r: LoadResult, loop: { p99: number }, cpu: CpuPerRequest) =>
  `| ${scenario} | ${r.rate} | ${r.ok}/${r.sent} | ${r.errors} | ${r.p50.toFixed(2)} | ${r.p90.toFixed(2)} | ${r.p99.toFixed(2)} | ${r.max.toFixed(1)} | ${loop.p99.toFixed(1)} | ${cpu.mainMs.toFixed(2)} | ${cpu.allMs.toFixed(2)} |`;

interface CpuPerRequest {
  /** CPU ms per request of the API's main thread (the event loop: HTTP, commands, reactors). */
  mainMs: number;
  /** CPU ms per request of all its threads (with the projections worker and V8's GC helpers). */
  allMs: number;
}

/** One paced load after the API has settled, with its event-loop delay and CPU per request. */
async function measured(api: ApiProcess, rate: number, seconds: number, next: Parameters<typeof pacedLoad>[3]) {
  const settledIn = await api.settle();
  await api.eventLoopDelay();
  const before = api.threadCpu();
  const result = await pacedLoad(api.origin, rate, seconds, next);
  const after = api.threadCpu();
  const loop = await api.eventLoopDelay();
  const used = (key: string) => (after[key] ?? 0) - (before[key] ?? 0);
  const main = mainThreadOf(after, api.pid) - mainThreadOf(before, api.pid);
  const cpu: CpuPerRequest = { mainMs: (main * 1000) / result.sent, allMs: (Object.keys(after).reduce((sum, k) => sum + used(k), 0) * 1000) / result.sent };
  return { result, loop, cpu, settledIn };
}

/** Rates for the search of the highest one that keeps p99 under the limit. */
const SEARCH_RATES = [100, 200, 300, 500, 750, 1000, 1500, 2000, 3000, 5000];

export async function run(): Promise<void> {
  const api = await startApi();
  const creation = creationOf(api);
  const results: { scenario: string; result: LoadResult; eventLoopDelay: unknown; cpuMsPerRequest: CpuPerRequest; settledInSeconds: number }[] = [];
  try {
    const transition = transitionOf(api, await openIncidents(api, 200));
    // Each load starts once the API has settled after the last one (its backlog is not this
    // load's), and reports the CPU each request cost the API's threads.
    console.log(`\n| scenario | rate/s | ok/sent | errors | p50 ms | p90 ms | p99 ms | max ms | API event-loop delay p99 ms | main-thread CPU ms/req | all-threads CPU ms/req |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|`);
    // Warm-up, not recorded: the first seconds of a fresh process (V8 compiling the hot paths,
    // first-use caches) would otherwise be charged to the lowest rate of the search.
    await measured(api, 200, WARM_UP_SECONDS, creation);
    // The highest creation rate with p99 under the limit: step up until it breaks.
    let best = 0;
    for (const rate of SEARCH_RATES) {
      const { result, loop, cpu, settledIn } = await measured(api, rate, SEARCH_SECONDS, creation);
      results.push({ scenario: 'creations (search)', result, eventLoopDelay: loop, cpuMsPerRequest: cpu, settledInSeconds: settledIn });
      console.log(row('creations (search)', result, loop, cpu));
      if (result.p99 >= P99_LIMIT_MS || result.errors > 0) break;
      best = rate;
    }
    for (const [scenario, next] of [['creations', creation], ['transitions', transition]] as const) {
      for (const rate of RATES) {
        const { result, loop, cpu, settledIn } = await measured(api, rate, SECONDS, next);
        results.push({ scenario, result, eventLoopDelay: loop, cpuMsPerRequest: cpu, settledInSeconds: settledIn });
        console.log(row(scenario, result, loop, cpu));
      }
    }
    console.log(`\nhighest creation rate with p99 < ${P99_LIMIT_MS} ms (${SEARCH_RATES.join(', ')}/s; ${SEARCH_SECONDS} s each): ${best.toLocaleString('en-US')}/s`);
    console.log(`written: ${writeResults('http-load', [], { seconds: SECONDS, results, highestRateUnderP99Limit: best, p99LimitMs: P99_LIMIT_MS })}`);
  } finally {
    await api.stop();
  }
}
