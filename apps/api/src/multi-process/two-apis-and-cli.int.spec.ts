/**
 * Two API processes and the CLI writing one embedded store file at once, as an operator runs them:
 * every request answered without error, every acknowledged event stored exactly once, and each
 * process's folded-state cache seeing the other's writes.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { SqliteEventStore, readAllPages } from '@itil/event-store';
import { authHeader } from '../test-support/auth-header';
import { runCli, startApi, type ChildApi } from './api-process';

const CLIENTS = 40;
const REQUESTS_PER_CLIENT = 12;
const CLI_INCIDENTS = 200;

interface Answer {
  status: number;
  body: { id?: string; revision?: number; events?: { id: string }[]; code?: string };
}

async function post(api: ChildApi, path: string, body: object, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(`${api.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...authHeader('agent:multi', ['agent']), ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

const logIncident = (api: ChildApi, n: number) => post(api, '/incidents', { title: `Printer ${n} jammed`, caller: 'bob', impact: 'low', urgency: 'low' });

describe('two API processes and the CLI on one embedded store file', () => {
  jest.setTimeout(240_000);
  const file = join(mkdtempSync(join(tmpdir(), 'api-multi-')), 'events.db');
  const env = { EVENT_STORE_FILE: file, EVENT_STORE_DURABILITY: 'normal' };
  let apis: ChildApi[] = [];
  /** Event ids the first test's commands wrote. */
  const alternating: string[] = [];

  beforeAll(async () => {
    // The reference data the incidents point at (groups and members), seeded as an operator does.
    const seeded = await runCli(['reference-data', 'seed', 'docs/examples/reference-data.json'], env);
    expect(seeded).toMatchObject({ code: 0 });
    // One after the other: the first seeds the lifecycle catalog, the second finds it.
    apis.push(await startApi(env));
    apis.push(await startApi(env));
  });
  afterAll(async () => {
    await Promise.all(apis.map((api) => api.stop()));
    apis = [];
  });

  it('sees the other process\'s writes: commands alternating between the processes on one incident, each with If-Match', async () => {
    const [one, two] = apis;
    const logged = await logIncident(one, 0);
    expect(logged.status).toBe(201);
    alternating.push(...(logged.body.events ?? []).map((e) => e.id));
    const id = logged.body.id as string;
    const steps: [ChildApi, string, object][] = [
      [two, 'assign', { assignmentGroup: 'network', assignee: 'ana' }],
      [one, 'start-work', {}],
      [two, 'pend', { reason: 'awaiting_caller' }],
      [one, 'resume', {}],
      [two, 'comments', { text: 'checked the cable' }],
      [one, 'resolve', { resolutionCode: 'fix', resolutionNotes: 'replaced the cable' }],
    ];
    let revision = logged.body.revision as number;
    for (const [api, command, body] of steps) {
      // If-Match with the revision the OTHER process answered: a stale cache here would be a 409.
      const answer = await post(api, `/incidents/${id}/${command}`, body, { 'if-match': `"${revision}"` });
      expect({ command, status: answer.status }).toEqual({ command, status: 200 });
      expect(answer.body.revision).toBe(revision + 1);
      alternating.push(...(answer.body.events ?? []).map((e) => e.id));
      revision = answer.body.revision as number;
    }
    const read = await fetch(`${two.url}/incidents/${id}`, { headers: authHeader('agent:multi', ['agent']) });
    expect(await read.json()).toMatchObject({ status: 'resolved', revision });
  });

  it('answers every request of 40 clients across both processes while the CLI writes, and stores each acknowledged event once', async () => {
    const [one, two] = apis;
    const setup: Answer[] = [];
    for (let i = 0; i < 4; i++) setup.push(await logIncident(i % 2 ? two : one, i));
    const shared = setup.map((a) => a.body.id as string);
    const seed = `multi-${randomUUID()}`;
    const started = performance.now();
    let cliDone = false;
    const cli = runCli(['--store', file, 'fixtures', 'incidents', '--count', String(CLI_INCIDENTS), '--seed', seed], env).finally(() => (cliDone = true));
    const answers: Answer[] = [];
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, client) => {
        // Each client goes on until the CLI has finished, so the CLI always writes under load.
        for (let n = 0; n < REQUESTS_PER_CLIENT || !cliDone; n++) {
          const api = (client + n) % 2 === 0 ? one : two;
          // Mostly comments on four shared incidents (conflicts across processes), some new incidents.
          const answer =
            n % 4 === 3
              ? await logIncident(api, client * 100 + n)
              : await post(api, `/incidents/${shared[(client + n) % shared.length]}/comments`, { text: `c${client}-${n}` });
          answers.push(answer);
        }
      }),
    );
    const { code, output } = await cli;
    const seconds = (performance.now() - started) / 1000;
    const failed = answers.filter((a) => a.status >= 300);
    // The figures of this run, for the record.
    console.log(`${answers.length} requests over 2 API processes + CLI (${CLI_INCIDENTS} incidents) in ${seconds.toFixed(1)} s: ${failed.length} errors; CLI: ${output.trim().split('\n').pop()}`);
    expect(failed.map((a) => `${a.status} ${a.body.code}`)).toEqual([]);
    expect(code).toBe(0);
    const cliEvents = Number(/\(([\d,]+) events\)/.exec(output)?.[1].replace(/,/g, ''));
    expect(cliEvents).toBeGreaterThan(0);

    const acknowledged = answers.flatMap((a) => (a.body.events ?? []).map((e) => e.id));
    expect(acknowledged).toHaveLength(answers.length);
    const acknowledgedIds = new Set(acknowledged);
    const ofApis = new Set([...acknowledged, ...setup.flatMap((a) => (a.body.events ?? []).map((e) => e.id)), ...alternating]);
    const store = new SqliteEventStore({ file });
    const stored = new Map<string, number>();
    const positions = { api: [] as bigint[], cli: [] as bigint[] };
    for await (const page of readAllPages(store, { filter: { streamNamePrefixes: ['incident-'] } })) {
      for (const event of page) {
        stored.set(event.id, (stored.get(event.id) ?? 0) + 1);
        if (acknowledgedIds.has(event.id)) positions.api.push(event.position);
        else if (!ofApis.has(event.id)) positions.cli.push(event.position);
      }
    }
    await store.close();
    // Each acknowledged event once (no loss, no duplicate); the only other events are the CLI's.
    expect(acknowledged.filter((id) => stored.get(id) !== 1)).toEqual([]);
    expect([...stored.values()].every((n) => n === 1)).toBe(true);
    expect(stored.size).toBe(ofApis.size + cliEvents);
    // The CLI really wrote while the APIs did: its events sit between theirs in $all.
    const [first, last] = [positions.api[0], positions.api[positions.api.length - 1]];
    expect(positions.cli.some((p) => p > first && p < last)).toBe(true);
  });
});
