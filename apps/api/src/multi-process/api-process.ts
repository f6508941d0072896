import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { testAuthEnv } from '../test-support/auth-header';

const ROOT = resolve(__dirname, '../../../..');
const REGISTER = resolve(__dirname, 'swc-register.js');

/** A port nobody listens on now (the OS picks it; the child binds it right after). */
export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

export interface ChildApi {
  url: string;
  output: () => string;
  stop(): Promise<void>;
}

/** Waits for a line of the child's output, or fails when the child exits first. */
function waitFor(child: ChildProcess, pattern: RegExp, output: () => string): Promise<void> {
  return new Promise((done, fail) => {
    const onData = (): void => {
      if (pattern.test(output())) finish(done);
    };
    const onExit = (code: number | null): void => finish(() => fail(new Error(`process exited (${code}) before ${pattern}:\n${output()}`)));
    const finish = (then: () => void): void => {
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
      then();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', onExit);
  });
}

/** The real API (apps/api/src/main.ts) in its own process on the given store file; resolves once it listens. */
export async function startApi(env: Record<string, string>): Promise<ChildApi> {
  const port = await freePort();
  const child = spawn(process.execPath, ['-r', REGISTER, resolve(ROOT, 'apps/api/src/main.ts')], {
    cwd: ROOT,
    // Trusts the test key (authHeader), development mode off.
    env: { ...process.env, NODE_ENV: 'test', HOST: '127.0.0.1', PORT: String(port), ...testAuthEnv(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  const output = (): string => text;
  child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
  await waitFor(child, /API on http:\/\//, output);
  return {
    url: `http://127.0.0.1:${port}`,
    output,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

/** Runs the CLI (`npm run cli` without npm) to its end; resolves with its exit code and output. */
export function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn(resolve(ROOT, 'node_modules/.bin/tsx'), ['--tsconfig', 'tsconfig.json', 'apps/cli/src/main.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((done) => child.on('exit', (code) => done({ code, output })));
}
