/**
 * One growth measurement in a process of its own, so that its peak RSS is its own: a contender
 * on a private copy of a pre-filled log. Prints one JSON line. Spawned by growth.ts.
 * Args: <template file> <raw|sequential|concurrent> <full|normal> <incidents> <callers>
 */
import type { Durability } from '@itil/event-store';
import { engine } from './engine';
import { copyOf } from './prefilled-log';
import { rawLoop } from './raw-loop';

async function main(): Promise<void> {
  const [template, contender, durability, incidents, callers] = process.argv.slice(2);
  const { file, discard } = copyOf(template);
  try {
    const n = Number(incidents);
    const d = durability as Durability;
    const before = process.cpuUsage();
    const result =
      contender === 'raw' ? { perSecond: await rawLoop(d, n, file) } : await engine(d, n, contender === 'concurrent' ? Number(callers) : 1, file);
    const used = process.cpuUsage(before);
    console.log(JSON.stringify({ ...result, cpuMicrosPerCommand: (used.user + used.system) / (n * 5), maxRssMiB: process.resourceUsage().maxRSS / 1024 }));
  } finally {
    discard();
  }
}

void main();
