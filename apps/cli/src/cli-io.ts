import type { Writable } from 'node:stream';

/** Where the CLI writes, and what it reads from its environment: injected so tests run it in-process. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** The stream progress bars draw on (stderr: stdout stays clean for --json). */
  progressStream: Writable & { isTTY?: boolean };
  env: Record<string, string | undefined>;
  cwd: string;
}

export function processIo(): CliIo {
  return {
    out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
    progressStream: process.stderr,
    env: process.env,
    cwd: process.cwd(),
  };
}
