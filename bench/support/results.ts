import { cpus, totalmem, type as osType, release } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Figure } from './repetitions';

/** What the figures were measured on: a result without its machine means nothing. */
export function machine(): Record<string, string | number> {
  const cpu = cpus();
  return {
    cpu: cpu[0]?.model ?? 'unknown',
    cores: cpu.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: `${osType()} ${release()}`,
    node: process.version,
  };
}

const fmt = (n: number, unit: string): string =>
  unit === '/s' ? Math.round(n).toLocaleString('en-US') : n >= 100 ? n.toFixed(0) : n.toFixed(2);

/** One Markdown table per comparison: median, min..max, and the ratio to the baseline. */
export function markdownTable(title: string, figures: Figure[], unit = '/s'): string {
  const lines = [`\n### ${title}\n`, `| contender | median ${unit} | min..max | ratio | notes |`, '|---|---:|---:|---:|---|'];
  for (const f of figures) {
    const ratio = f.ratio === undefined ? (f.baseline ? '' : 'baseline') : `${f.ratio.toFixed(2)}x`;
    lines.push(`| ${f.label} | ${fmt(f.median, unit)} | ${fmt(f.min, unit)}..${fmt(f.max, unit)} | ${ratio} | ${f.note ?? ''} |`);
  }
  return lines.join('\n');
}

/** Writes `bench/results/<name>.json`: the figures as printed, with the machine and the date. */
export function writeResults(name: string, tables: { title: string; unit: string; figures: Figure[] }[], extra: Record<string, unknown> = {}): string {
  const dir = join(__dirname, '..', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify({ name, measuredAt: new Date().toISOString(), machine: machine(), ...extra, tables }, null, 2) + '\n');
  return file;
}
