import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const MAIN = join(ROOT, 'dist/apps/api/apps/api/src/main.js');

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

export interface ApiProcess {
  origin: string;
  pid: number;
  /** The development admin's credential (the API runs in development mode on its scratch store). */
  authorization: string;
  /** The API's event-loop delay since the last call (from the preloaded probe). */
  eventLoopDelay(): Promise<{ p50: number; p99: number; max: number }>;
  /**
   * Waits until every projection has caught up with the log (GET /health reports no lag) and the
   * main thread is quiet, so that the next load does not also pay for the last one's backlog;
   * answers the seconds it took.
   */
  settle(): Promise<number>;
  /** CPU seconds each of the API's threads has used so far, keyed `<thread name>:<tid>` (Linux /proc). */
  threadCpu(): Record<string, number>;
  stop(): Promise<void>;
}

/** utime + stime of each thread of `pid`, keyed `<thread name>:<tid>` (the main thread's tid is the pid). */
function threadCpuOf(pid: number): Record<string, number> {
  const ticks = 100; // USER_HZ on Linux
  const out: Record<string, number> = {};
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    out[`${name}:${tid}`] = (Number(fields[11]) + Number(fields[12])) / ticks;
  }
  return out;
}

/** The main thread's entry of threadCpuOf (its tid is the pid, whatever the thread is named). */
export const mainThreadOf = (threads: Record<string, number>, pid: number): number =>
  Object.entries(threads).find(([key]) => key.endsWith(`:${pid}`))?.[1] ?? 0;

/** The built API (as `npm start` runs it) on a fresh store file, with the event-loop probe preloaded. */
export async function startApi(env: Record<string, string> = {}, nodeArgs: string[] = []): Promise<ApiProcess> {
  // Built every time (unless BENCH_NO_BUILD=1 and a build exists): a stale dist would measure old code.
  if (!(process.env.BENCH_NO_BUILD === '1' && existsSync(MAIN))) {
    console.log('bench: building the API (nest build api)');
    const built = spawnSync('npx', ['nest', 'build', 'api'], { cwd: ROOT, stdio: 'inherit' });
    if (built.status !== 0) throw new Error('bench: nest build api failed');
  }
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'bench-http-'));
  // The README's reference data (groups the load assigns to), as an operator seeds it.
  const seeded = spawnSync('npx', ['tsx', '--tsconfig', 'tsconfig.json', 'apps/cli/src/main.ts', 'reference-data', 'seed', 'docs/examples/reference-data.json'], {
    cwd: ROOT,
    env: { ...process.env, EVENT_STORE_FILE: join(dir, 'events.db') },
    stdio: 'ignore',
  });
  if (seeded.status !== 0) throw new Error('bench: seeding reference data failed');
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, '--require', join(__dirname, 'event-loop-probe.js'), MAIN], {
    cwd: ROOT,
    // Development mode writes its tokens under AUTH_DEV_DIR; the per-identity rate limit would
    // otherwise be what the bench measures.
    env: { ...process.env, PORT: String(port), EVENT_STORE_FILE: join(dir, 'events.db'), AUTH_DEV_DIR: join(dir, 'dev'), RATE_LIMIT_PER_MINUTE: '100000000', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  const waiters: ((line: string) => void)[] = [];
  child.stdout!.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    let nl: number;
    while ((nl = output.indexOf('\n')) >= 0) {
      const line = output.slice(0, nl);
      output = output.slice(nl + 1);
      if (line.startsWith('EVENT_LOOP_DELAY ')) waiters.shift()?.(line.slice('EVENT_LOOP_DELAY '.length));
      else if (process.env.BENCH_API_STDOUT) console.log(`api: ${line}`);
    }
  });
  child.once('exit', (code, signal) => { if (code !== 0 && signal !== 'SIGTERM') console.error(`bench: the API exited (${code ?? signal})`); });
  const origin = `http://127.0.0.1:${port}`;
  // Wait until it answers (not a fixed sleep).
  for (let attempt = 0; ; attempt++) {
    try {
      if ((await fetch(`${origin}/health`)).ok) break;
    } catch {
      /* not listening yet */
    }
    if (attempt > 300 || child.exitCode !== null) throw new Error('bench: the API did not start');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    origin,
    authorization: `Bearer ${readFileSync(join(dir, 'dev', 'admin.token'), 'utf8').trim()}`,
    eventLoopDelay: () =>
      new Promise((resolve) => {
        waiters.push((json) => resolve(JSON.parse(json)));
        child.kill('SIGWINCH');
      }),
    pid: child.pid!,
    threadCpu: () => threadCpuOf(child.pid!),
    settle: async () => {
      // Caught up means: every projection has reached the head (GET /health), and the main
      // thread has gone quiet (under 5% of a core for a second), so the reactors on it (SLA,
      // automation, policies) have worked off what the last load left them too.
      const started = Date.now();
      const mainCpu = () => mainThreadOf(threadCpuOf(child.pid!), child.pid!);
      for (;;) {
        const health = (await (await fetch(`${origin}/health`)).json()) as { info?: { readModels?: { projections?: { lagEvents: number | null }[] } } };
        const projections = health.info?.readModels?.projections ?? [];
        const before = mainCpu();
        await new Promise((resolve) => setTimeout(resolve, 1000));
        const quiet = mainCpu() - before < 0.05;
        if (quiet && projections.length > 0 && projections.every((p) => p.lagEvents === 0)) return (Date.now() - started) / 1000;
        if (Date.now() - started > 900_000) throw new Error('bench: the API did not settle within 15 minutes');
      }
    },
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
