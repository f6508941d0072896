import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunnerLogger } from '@itil/read-models';
import { ProjectionsThread } from './projections-thread';

/** A logger that lets the test wait for a message instead of sleeping. */
function recordingLogger() {
  const lines: string[] = [];
  const waiters: { match: RegExp; count: number; resolve: () => void }[] = [];
  const record = (line: string) => {
    lines.push(line);
    for (const w of [...waiters]) {
      if (lines.filter((l) => w.match.test(l)).length >= w.count) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  };
  const logger: RunnerLogger = { log: record, warn: record, error: record };
  const seen = (match: RegExp, count = 1) =>
    lines.filter((l) => match.test(l)).length >= count ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ match, count, resolve }));
  return { logger, lines, seen };
}

describe('the projections thread after a restart that itself fails', () => {
  it('keeps trying with backoff and runs again once the cause is gone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'projections-restart-'));
    const readModels = join(dir, 'read-models');
    mkdirSync(readModels);
    const { logger, lines, seen } = recordingLogger();
    const delays: number[] = [];
    const thread = new ProjectionsThread({
      config: { eventStoreFile: join(dir, 'events.db'), readModelFile: join(readModels, 'read-models.db'), holder: 'restart-test' },
      logger,
      restartDelayMs: (attempt) => (delays.push(attempt), 5),
    });
    await thread.start();
    const first = thread.threadId;
    try {
      // A file where the read models' folder was: the next start cannot open its database.
      rmSync(readModels, { recursive: true });
      writeFileSync(readModels, 'not a folder');
      await thread.kill();
      await seen(/projections thread failed/);
      await seen(/starting it again/, 2);
      // The cause is removed; a later attempt starts the projector again and takes its leases.
      const leases = lines.filter((l) => /lease taken by restart-test/.test(l)).length;
      rmSync(readModels);
      mkdirSync(readModels);
      await seen(/lease taken by restart-test/, leases + 2);
      expect(delays.slice(0, 2)).toEqual([1, 2]);
      expect(thread.threadId).toEqual(expect.any(Number));
      expect(thread.threadId).not.toBe(first);
    } finally {
      await thread.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
