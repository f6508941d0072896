/**
 * Sequential commands/s through the NestJS CommandBus into the ticket engine, as the API sends
 * them (load the stream, fold, decide: field dictionary, policies, lifecycle; append with the
 * revision check) against a raw better-sqlite3 loop
 * doing the same SQL work at the same durability: read the stream, parse it, insert the next
 * revision, commit. BRIEF target: >= 50% of the raw loop.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { CommandBus, CqrsModule } from '@nestjs/cqrs';
import { NestFactory } from '@nestjs/core';
import type { Durability } from '@itil/event-store';
import { validateEngineConfig } from '../apps/api/src/config/engine.config';
import { EngineModule } from '../apps/api/src/engine/engine.module';
import { ObservabilityModule } from '../apps/api/src/observability/observability.module';
import { ExecuteTicketCommand } from '../apps/api/src/tickets/ticket.messages';
import { TicketsHttpModule } from '../apps/api/src/tickets/tickets.module';
import { incidentProcess } from '@itil/incident';
import type { TicketCommand } from '@itil/tickets';
import { openRawDb, perSecond, printTable, tempDbFile } from './bench-support';

const COMMANDS = Number(process.env.BENCH_COMMANDS ?? 2000);
const PER_INCIDENT = 20;

/** The generic ticket engine the API runs (input checked against the field dictionary in decide). */
function genericModule(env: Record<string, string>) {
  @Module({
    imports: [
      ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, ignoreEnvVars: true, load: [() => validateEngineConfig(env)] }),
      CqrsModule.forRoot(),
      ObservabilityModule,
      EngineModule,
      TicketsHttpModule.register({ processes: [incidentProcess] }),
    ],
  })
  class GenericBenchModule {}
  return GenericBenchModule;
}

/** Per command: one transaction that reads the whole stream, parses it, inserts the next event. */
function rawLoop(durability: Durability, count: number): Promise<number> {
  const { db, insert } = openRawDb(durability);
  const read = db.prepare('SELECT revision, data FROM events WHERE stream_id = ? ORDER BY revision');
  const command = db.transaction((stream: string, text: string) => {
    const rows = read.all(stream) as { revision: number; data: string }[];
    rows.forEach((r) => JSON.parse(r.data));
    insert.run(stream, rows.length, randomUUID(), 'IncidentCommented', JSON.stringify({ text, visibility: 'internal' }), JSON.stringify({ actor: 'bench' }), Date.now());
  });
  return perSecond(count, () => {
    for (let i = 0; i < count; i++) command(`incident-${Math.floor(i / PER_INCIDENT)}`, `note ${i}`);
  }).finally(() => db.close());
}

/** The same workload through the generic engine: OpenTicket, then CommentOnTicket, as the API sends them. */
async function throughTicketEngine(durability: Durability, count: number): Promise<number> {
  const file = tempDbFile('tickets');
  const app = await NestFactory.createApplicationContext(genericModule({ EVENT_STORE_FILE: file, EVENT_STORE_DURABILITY: durability }), { logger: false, abortOnError: false });
  const bus = app.get(CommandBus);
  const send = (command: Omit<TicketCommand, 'metadata'>) =>
    bus.execute(new ExecuteTicketCommand('incident', { ...command, metadata: { now: new Date(), actor: 'bench' } } as TicketCommand));
  const ids = Array.from({ length: Math.ceil(count / PER_INCIDENT) }, () => randomUUID());
  const rate = await perSecond(count, async () => {
    for (let i = 0; i < count; i++) {
      const ticketId = ids[Math.floor(i / PER_INCIDENT)];
      if (i % PER_INCIDENT === 0) await send({ type: 'OpenTicket', data: { ticketId, input: { title: 'VPN down', caller: 'bob', impact: 'high', urgency: 'low' } } });
      else await send({ type: 'CommentOnTicket', data: { ticketId, input: { text: `note ${i}` } } });
    }
  });
  await app.close();
  if (!existsSync(file)) throw new Error(`the bench did not write to ${file}`);
  return rate;
}

export async function run(): Promise<void> {
  for (const durability of ['full', 'normal'] as const) {
    const raw = await rawLoop(durability, COMMANDS);
    const generic = await throughTicketEngine(durability, COMMANDS);
    printTable(`Sequential commands, durability=${durability}, streams of ${PER_INCIDENT} events`, [
      ['raw better-sqlite3: read stream, parse, insert, commit (baseline)', raw, undefined],
      ['CommandBus: the generic ticket engine (dictionary checks in decide), same workload', generic, raw],
    ]);
  }
}
