import { randomUUID } from 'node:crypto';
import type { Durability } from '@itil/event-store';
import { tempDbFile } from '../bench-support';
import { requirePeer } from '../peers/ensure-peer';
import { ALLOWED, EVENT_OF, dataOf, schedule, type Step } from './workload';

type EmmettEvent = { type: string; data: Record<string, unknown> };
type EmmettCommand = { type: Step; data: Record<string, unknown> };
interface State {
  status: string;
}

/**
 * Emmett 0.42 with its SQLite store, written the way its docs show (a Decider and its
 * DeciderCommandHandler, which aggregates the stream and appends with the expected version), in
 * its fastest configuration: one shared connection (`singleton` with a connection passed in).
 */
export async function emmett(durability: Durability, incidents: number): Promise<number> {
  const peer = requirePeer('emmett', '@event-driven-io/emmett-sqlite');
  const { DeciderCommandHandler } = peer('@event-driven-io/emmett');
  const { getSQLiteEventStore, sqliteConnection } = peer('@event-driven-io/emmett-sqlite');
  const fileName = tempDbFile('emmett');
  const connection = sqliteConnection({ fileName });
  await connection.command('PRAGMA journal_mode = WAL');
  await connection.command(`PRAGMA synchronous = ${durability === 'full' ? 'FULL' : 'NORMAL'}`);
  const store = getSQLiteEventStore({ fileName, connectionOptions: { singleton: true, connection } });

  const evolve = (state: State, event: EmmettEvent): State => {
    const step = (Object.keys(EVENT_OF) as Step[]).find((s) => EVENT_OF[s] === event.type)!;
    return { status: ALLOWED[state.status]?.[step] ?? state.status };
  };
  const decide = (command: EmmettCommand, state: State): EmmettEvent => {
    if (!ALLOWED[state.status]?.[command.type]) throw new Error(`emmett: ${command.type} not allowed in ${state.status}`);
    return { type: EVENT_OF[command.type], data: command.data };
  };
  const handle = DeciderCommandHandler({ decide, evolve, initialState: (): State => ({ status: 'none' }) });

  const ids = Array.from({ length: incidents }, () => randomUUID());
  const start = process.hrtime.bigint();
  let count = 0;
  for (const { incident, step } of schedule(incidents)) {
    await handle(store, `incident-${ids[incident]}`, { type: step, data: dataOf(step, ids[incident]) });
    count++;
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  connection.close();
  return count / seconds;
}
