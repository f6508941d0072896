import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { SqliteEventStore } from './sqlite-event-store';
import { readAllPages } from '../read-all-pages';

const run = promisify(execFile);
const TSX = resolve('node_modules/.bin/tsx');
const WORKER = resolve(__dirname, 'test-support/append-worker.ts');
const APPENDS = 1500;

interface WorkerReport {
  acknowledged: string[];
  errors: string[];
}

async function worker(file: string, name: string): Promise<WorkerReport> {
  const { stdout } = await run(TSX, [WORKER, file, name, String(APPENDS)], { maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(stdout.trim().split('\n').pop() as string) as WorkerReport;
}

describe('embedded store: two processes appending to one file at once', () => {
  jest.setTimeout(120_000);

  it('answers every append of both (0 errors) and stores every acknowledged event exactly once', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'es-multi-')), 'events.db');
    await new SqliteEventStore({ file }).close(); // the schema exists before both start
    const [a, b] = await Promise.all([worker(file, 'a'), worker(file, 'b')]);
    expect({ a: a.errors, b: b.errors }).toEqual({ a: [], b: [] });
    expect(a.acknowledged).toHaveLength(APPENDS);
    expect(b.acknowledged).toHaveLength(APPENDS);

    const store = new SqliteEventStore({ file });
    const stored: string[] = [];
    for await (const page of readAllPages(store)) stored.push(...page.map((e) => e.id));
    await store.close();
    const acknowledged = [...a.acknowledged, ...b.acknowledged];
    expect(stored).toHaveLength(acknowledged.length);
    expect(new Set(stored)).toEqual(new Set(acknowledged));
  });
});
