/**
 * HTTP under a fixed, evenly paced load (issue 21): the built API on loopback, p50/p90/p99 at fixed
 * rates for creations and for transitions on existing incidents, the API's event-loop delay at
 * each rate (what bounds latency), and the highest rate that keeps p99 under 25 ms.
 * BENCH_HTTP_SECONDS (default 20) per rate; BENCH_HTTP_RATES (default 500,1000,2000).
 */
import { startApi, type ApiProcess } from './http-load/api-process';
import { pacedLoad, type LoadResult } from './http-load/paced-load';
import { creation as creationOf, openIncidents, transition as transitionOf } from './http-load/scenarios';
import { writeResults } from './support/results';

const SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 20);
const RATES = (process.env.BENCH_HTTP_RATES ?? '500,1000,2000').split(',').map(Number);
const SEARCH_SECONDS = Number(process.env.BENCH_HTTP_SEARCH_SECONDS ?? 5);
const P99_LIMIT_MS = 25;

const row = (scenario: string, r: LoadResult, loop: { p99: number }) =>
  `| ${scenario} | ${r.rate} | ${r.ok}/${r.sent} | ${r.errors} | ${r.p50.toFixed(2)} | ${r.p90.toFixed(2)} | ${r.p99.toFixed(2)} | ${r.max.toFixed(1)} | ${loop.p99.toFixed(1)} |`;

export async function run(): Promise<void> {
  const api = await startApi();
  const creation = creationOf(api);
  const results: { scenario: string; result: LoadResult; eventLoopDelay: unknown }[] = [];
  try {
    const transition = transitionOf(api, await openIncidents(api, 200));
    console.log(`\n| scenario | rate/s | ok/sent | errors | p50 ms | p90 ms | p99 ms | max ms | API event-loop delay p99 ms |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|`);
    for (const [scenario, next] of [['creations', creation], ['transitions', transition]] as const) {
      for (const rate of RATES) {
        await api.eventLoopDelay();
        const result = await pacedLoad(api.origin, rate, SECONDS, next);
        const loop = await api.eventLoopDelay();
        results.push({ scenario, result, eventLoopDelay: loop });
        console.log(row(scenario, result, loop));
      }
    }
    // The highest creation rate with p99 under the limit: step up until it breaks.
    let best = 0;
    for (let rate = 1000; rate <= 10000; rate += 1000) {
      const result = await pacedLoad(api.origin, rate, SEARCH_SECONDS, creation);
      const loop = await api.eventLoopDelay();
      results.push({ scenario: 'creations (search)', result, eventLoopDelay: loop });
      console.log(row('creations (search)', result, loop));
      if (result.p99 >= P99_LIMIT_MS || result.errors > 0) break;
      best = rate;
    }
    console.log(`\nhighest creation rate with p99 < ${P99_LIMIT_MS} ms (steps of 1,000/s, ${SEARCH_SECONDS} s each): ${best.toLocaleString('en-US')}/s`);
    console.log(`written: ${writeResults('http-load', [], { seconds: SECONDS, results, highestRateUnderP99Limit: best, p99LimitMs: P99_LIMIT_MS })}`);
  } finally {
    await api.stop();
  }
}
