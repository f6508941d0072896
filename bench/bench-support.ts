import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const tempDbFile = (name: string): string => join(mkdtempSync(join(tmpdir(), `bench-${name}-`)), 'events.db');

/** Runs `work` and returns operations per second. */
export async function perSecond(operations: number, work: () => Promise<void> | void): Promise<number> {
  const start = process.hrtime.bigint();
  await work();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return operations / seconds;
}

export const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

export function printTable(title: string, rows: [string, number, number | undefined][]): void {
  console.log(`\n${title}`);
  for (const [label, value, baseline] of rows) {
    const ratio = baseline ? `  ${(value / baseline).toFixed(2)}x baseline` : '';
    console.log(`  ${label.padEnd(62)} ${fmt(value).padStart(9)} /s${ratio}`);
  }
}
