import { Presets, SingleBar } from 'cli-progress';
import type { Progress } from '@itil/lifecycles';
import type { CliIo } from './cli-io';

/**
 * A progress bar over `$all` positions for long scans (what-if, migration). On a terminal it
 * redraws in place; elsewhere (CI logs, pipes) it prints a line every half second and at the end.
 */
export function scanProgress(io: CliIo, label: string): { onProgress: Progress; stop(): void } {
  const bar = new SingleBar(
    {
      stream: io.progressStream,
      format: `${label} |{bar}| {percentage}% | {tickets} tickets | {eventsRead} events`,
      noTTYOutput: true,
      notTTYSchedule: 500,
      hideCursor: io.progressStream.isTTY === true,
      etaBuffer: 20,
    },
    Presets.shades_classic,
  );
  let started = false;
  return {
    onProgress: (p) => {
      const payload = { tickets: p.tickets.toLocaleString('en-US'), eventsRead: p.eventsRead.toLocaleString('en-US') };
      const total = Number(p.head) || 1;
      if (!started) {
        bar.start(total, 0, payload);
        started = true;
      }
      bar.setTotal(total);
      bar.update(Math.min(Number(p.position), total), payload);
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}

/** A bar over a known count (fixture generation). */
export function countProgress(io: CliIo, label: string): { update(done: number, total: number): void; stop(): void } {
  const bar = new SingleBar({ stream: io.progressStream, format: `${label} |{bar}| {percentage}% | {value}/{total}`, noTTYOutput: true, notTTYSchedule: 500 }, Presets.shades_classic);
  let started = false;
  return {
    update: (done, total) => {
      if (!started) {
        bar.start(total, 0);
        started = true;
      }
      bar.update(done);
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}
