import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Durability } from '@itil/event-store';
import type { Figure } from '../support/repetitions';
import { describeBatches, type EngineRun } from './engine';
import { discardLog, prefilledLog } from './prefilled-log';

export const GROWTH_SIZES = [10_000, 100_000];
export const GROWTH_1M = 1_000_000;

type ChildRun = Partial<EngineRun> & { perSecond: number; cpuMicrosPerCommand: number; maxRssMiB: number };

function inChild(template: string, contender: string, durability: Durability, incidents: number, callers: number): ChildRun {
  const child = spawnSync(process.execPath, [...process.execArgv, join(__dirname, 'growth-child.ts'), template, contender, durability, String(incidents), String(callers)], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (child.status !== 0) throw new Error(`growth ${contender}: exit ${child.status}\n${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1)!) as ChildRun;
}

/**
 * Issue 21, item 5: the same workload on logs already holding `sizes` events. Each contender runs
 * in its own process on its own copy of the pre-filled file (peak RSS is that process's). One
 * table per durability; the ratio is to the raw loop on the same log.
 */
export async function growth(sizes: number[], durability: Durability, incidents: number, callers: number, progress: (text: string) => void) {
  const figures: Figure[] = [];
  for (const size of sizes) {
    progress(`growth: filling a log of ${size.toLocaleString('en-US')} events`);
    const template = await prefilledLog(size);
    try {
      const row = (label: string, run: ChildRun, baseline?: Figure): Figure => ({
        label: `${size.toLocaleString('en-US')} events in the log: ${label}`,
        median: run.perSecond,
        min: run.perSecond,
        max: run.perSecond,
        samples: [run.perSecond],
        baseline: baseline?.label,
        ratio: baseline && run.perSecond / baseline.median,
        details: { cpuMicrosPerCommand: run.cpuMicrosPerCommand, maxRssMiB: run.maxRssMiB, p50Ms: run.p50, p99Ms: run.p99, batchSizes: run.batches },
        note: [
          `CPU ${run.cpuMicrosPerCommand.toFixed(0)} µs/command (wall ${(1e6 / run.perSecond).toFixed(0)})`,
          run.p99 !== undefined ? `p50 ${run.p50!.toFixed(2)} ms, p99 ${run.p99.toFixed(2)} ms` : undefined,
          run.batches && run.batches.max > 1 ? describeBatches(run.batches) : undefined,
          `peak RSS ${run.maxRssMiB.toFixed(0)} MiB`,
        ]
          .filter(Boolean)
          .join('; '),
      });
      progress(`growth ${size}: raw loop`);
      const raw = row('raw loop', inChild(template, 'raw', durability, incidents, 1));
      progress(`growth ${size}: engine sequential`);
      const sequential = row('engine, sequential', inChild(template, 'sequential', durability, incidents, 1), raw);
      progress(`growth ${size}: engine ${callers} callers`);
      const concurrent = row(`engine, ${callers} concurrent callers`, inChild(template, 'concurrent', durability, incidents, callers), raw);
      figures.push(raw, sequential, concurrent);
    } finally {
      discardLog(template);
    }
  }
  return figures;
}
