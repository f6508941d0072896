/**
 * Summarises a V8 `.cpuprofile` (from `node --cpu-prof`): the functions with the most self time,
 * as a share of the sampled time, with their file and line; or, with `--by-package`, self time
 * summed by where the code lives (an npm package, a project lib, a Node core module), which says
 * how much of a request is framework and how much the engine. For the issue 21 reports.
 * Usage: `npx tsx bench/support/cpu-profile-summary.ts <file.cpuprofile> [top=25] [--by-package]`.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export function topSelfTime(profile: Profile, top = 25): { name: string; where: string; ms: number; share: number }[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, { name: string; where: string; us: number }>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const where = `${url.replace(/^.*\/(node_modules|libs|bench|apps)\//, '$1/')}:${lineNumber + 1}`;
    const key = `${functionName}@${where}`;
    const entry = self.get(key) ?? { name: functionName || '(anonymous)', where, us: 0 };
    const dt = profile.timeDeltas[i] ?? 0;
    entry.us += dt;
    total += dt;
    self.set(key, entry);
  });
  return [...self.values()]
    .sort((a, b) => b.us - a.us)
    .slice(0, top)
    .map((e) => ({ name: e.name, where: e.where, ms: e.us / 1000, share: e.us / total }));
}

/** Where a frame's code lives: `npm:<package>`, `libs/<lib>`, `apps/<app>`, `node:<module>`, or the V8 pseudo-frame. */
function packageOf(node: ProfileNode): string {
  const { url, functionName } = node.callFrame;
  const npm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (npm) return `npm:${npm[1]}`;
  // The last libs/ or apps/ of the path: a build nests them (dist/apps/api/libs/engine/...).
  const own = /.*\/(libs|apps|bench)\/([^/]+)\//.exec(url);
  if (own) return `${own[1]}/${own[2]}`;
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/').slice(0, 2).join('/')}`;
  return functionName || url || '(unknown)';
}

export function selfTimeByPackage(profile: Profile, top = 25): { name: string; ms: number; share: number }[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const sums = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    const key = packageOf(byId.get(id)!);
    sums.set(key, (sums.get(key) ?? 0) + dt);
    total += dt;
  });
  return [...sums.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, us]) => ({ name, ms: us / 1000, share: us / total }));
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const [file, top] = args.filter((a) => !a.startsWith('--'));
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  if (args.includes('--by-package')) {
    for (const row of selfTimeByPackage(profile, Number(top ?? 25))) console.log(`${(row.share * 100).toFixed(1).padStart(5)}%  ${row.ms.toFixed(0).padStart(6)} ms  ${row.name}`);
    process.exit(0);
  }
  for (const row of topSelfTime(profile, Number(top ?? 25))) {
    console.log(`${(row.share * 100).toFixed(1).padStart(5)}%  ${row.ms.toFixed(0).padStart(6)} ms  ${row.name}  ${row.where}`);
  }
}
