import { spawn } from 'node:child_process';

/**
 * Starts a TypeScript worker as its own OS process and resolves `reached` once it prints a line
 * `until` accepts (or exits). Node itself runs it with tsx's loader: the `tsx` binary would put a
 * process between us and the worker, and SIGKILL would reach that one, not the worker.
 */
export function spawnWorker(script: string, args: string[], until: (line: string) => boolean) {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  const reached = new Promise<void>((done) => {
    let buffer = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      if (lines.some(until)) done();
    });
    void exited.then(() => done());
  });
  return { child, reached, exited };
}
