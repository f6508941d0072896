/**
 * One contender of the write path, alone, for `node --cpu-prof` (see docs/benchmarks.md):
 * `npx tsx --cpu-prof --cpu-prof-dir=/tmp/prof bench/write-path/profile-run.ts [sequential|concurrent] [full|normal]`.
 */
import type { Durability } from '@itil/event-store';
import { engine } from './engine';

async function main(): Promise<void> {
  const mode = process.argv[2] ?? 'sequential';
  const durability = (process.argv[3] ?? 'normal') as Durability;
  const incidents = Number(process.env.BENCH_INCIDENTS ?? 2000);
  const before = process.cpuUsage();
  const run = await engine(durability, incidents, mode === 'concurrent' ? 50 : 1);
  const cpu = process.cpuUsage(before);
  const cpuUsPerCommand = (cpu.user + cpu.system) / (incidents * 5);
  console.log(JSON.stringify({ mode, durability, incidents, cpuUsPerCommand: Math.round(cpuUsPerCommand), ...run }));
}

void main();
