/**
 * One paced load against the built API, for finding what bounds HTTP latency:
 * `npx tsx bench/http-load/profile-api.ts [creations|transitions] [rate=500] [seconds=10] [dir|none]`.
 * Prints the latency figures and the CPU seconds each API thread used during the load; with a
 * dir, V8's CPU profiler is on and the API writes its .cpuprofile files there when it stops.
 * NODE_ARGS adds node flags (e.g. --trace-gc, with BENCH_API_STDOUT=1); API_ENV=K=V,K=V its env.
 */
import { startApi } from './api-process';
import { pacedLoad } from './paced-load';
import { creation, openIncidents, transition } from './scenarios';

async function main(): Promise<void> {
  const [scenario = 'creations', rate = '500', seconds = '10', dir = '/tmp/api-profile'] = process.argv.slice(2);
  const profile = dir !== 'none';
  const api = await startApi({ ...(process.env.API_ENV ? Object.fromEntries(process.env.API_ENV.split(',').map((kv) => kv.split('='))) : {}) }, [...(profile ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : []), ...(process.env.NODE_ARGS ? process.env.NODE_ARGS.split(' ') : [])]);
  try {
    const next = scenario === 'transitions' ? transition(api, await openIncidents(api, 200)) : creation(api);
    const before = api.threadCpu();
    const self = process.cpuUsage();
    const result = await pacedLoad(api.origin, Number(rate), Number(seconds), next);
    const after = api.threadCpu();
    const used = Object.fromEntries(Object.entries(after).map(([k, v]) => [k, +(v - (before[k] ?? 0)).toFixed(2)]));
    const gen = process.cpuUsage(self);
    console.log('API thread CPU s:', JSON.stringify(used), 'load generator CPU s:', ((gen.user + gen.system) / 1e6).toFixed(2));
    console.log(JSON.stringify(result), JSON.stringify(await api.eventLoopDelay()));
  } finally {
    await api.stop();
  }
}
void main();
