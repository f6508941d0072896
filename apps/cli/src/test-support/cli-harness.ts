import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { runCli } from '../cli';
import type { CliIo } from '../cli-io';

export const STATE_MACHINES_DIR = join(__dirname, '../../../../state-machines');

export interface CliRun {
  code: number;
  out: string;
  err: string;
  progress: string;
}

/** Runs the CLI in-process against a store file, capturing what it prints. */
export async function cli(args: string[], options: { store?: string; cwd?: string } = {}): Promise<CliRun> {
  let out = '';
  let err = '';
  let progress = '';
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => (progress += chunk.toString()));
  const io: CliIo = {
    out: (text) => (out += text.endsWith('\n') ? text : `${text}\n`),
    err: (text) => (err += text.endsWith('\n') ? text : `${text}\n`),
    progressStream: stream,
    env: { ITIL_ACTOR: 'owner:pat' },
    cwd: options.cwd ?? process.cwd(),
  };
  const globals = options.store ? ['--store', options.store, '--state-machines', STATE_MACHINES_DIR, '--durability', 'normal'] : [];
  const code = await runCli([...globals, ...args], io);
  return { code, out, err, progress };
}

export const tempDir = (): string => mkdtempSync(join(tmpdir(), 'cli-'));

export function writeJson(dir: string, name: string, value: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  return file;
}
