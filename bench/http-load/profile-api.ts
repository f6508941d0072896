/**
 * One paced creation load against the built API with V8's CPU profiler on (for finding what
 * bounds HTTP latency): `npx tsx bench/http-load/profile-api.ts [rate=500] [seconds=10] [dir]`.
 * Prints the latency figures; the API writes its .cpuprofile into dir when it stops.
 */
import { startApi } from './api-process';
import { pacedLoad } from './paced-load';

async function main(): Promise<void> {
  const [rate = '500', seconds = '10', dir = '/tmp/api-profile'] = process.argv.slice(2);
  const profile = dir !== 'none';
  const api = await startApi({ ...(process.env.API_ENV ? Object.fromEntries(process.env.API_ENV.split(',').map((kv) => kv.split('='))) : {}) }, [...(profile ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : []), ...(process.env.NODE_ARGS ? process.env.NODE_ARGS.split(' ') : [])]);
  try {
    const body = JSON.stringify({ title: 'VPN down for the Leeds office', caller: 'caller:bob', impact: 'high', urgency: 'medium' });
    const before = api.threadCpu();
    const self = process.cpuUsage();
    const result = await pacedLoad(api.origin, Number(rate), Number(seconds), () => ({ method: 'POST', path: '/incidents', body, headers: { authorization: api.authorization } }));
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
