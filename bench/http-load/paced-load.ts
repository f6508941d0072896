import { Agent, request } from 'node:http';

export interface PacedRequest {
  method: string;
  path: string;
  body?: string;
  headers?: Record<string, string>;
}

export interface LoadResult {
  rate: number;
  seconds: number;
  sent: number;
  ok: number;
  errors: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/**
 * An open-loop generator in the manner of wrk2: request i is due at start + i / rate, evenly
 * spaced, and its latency counts from when it was due, not from when it was sent, so a server
 * that stalls is charged for the requests queued behind the stall (no coordinated omission).
 * autocannon's -R sends each second's quota in a burst, which overstates latency at low rates.
 */
export async function pacedLoad(origin: string, rate: number, seconds: number, next: (i: number) => PacedRequest): Promise<LoadResult> {
  const url = new URL(origin);
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const total = Math.round(rate * seconds);
  const latencies: number[] = [];
  let ok = 0;
  let errors = 0;
  const start = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const spec = next(i);
    inFlight.push(
      new Promise<void>((resolve) => {
        const req = request(
          { host: url.hostname, port: url.port, method: spec.method, path: spec.path, agent, headers: { 'content-type': 'application/json', ...spec.headers } },
          (res) => {
            res.resume();
            res.on('end', () => {
              latencies.push(performance.now() - due);
              if (res.statusCode !== undefined && res.statusCode < 400) ok++;
              else errors++;
              resolve();
            });
          },
        );
        req.on('error', () => {
          errors++;
          resolve();
        });
        req.end(spec.body);
      }),
    );
  }
  await Promise.all(inFlight);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
  return { rate, seconds, sent: total, ok, errors, p50: at(50), p90: at(90), p99: at(99), max: latencies[latencies.length - 1] ?? NaN };
}
