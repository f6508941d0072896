import { envelop, type IdGenerator } from '@itil/engine';
import { WrongExpectedVersionError, type EventData, type EventStore, type JsonObject, type RecordedEvent } from '@itil/event-store';
import { jsonPath } from '../definition/json-path';
import type { LifecycleDefinition } from '../definition/lifecycle-json';
import { InvalidMigrationMappingError, MigrationNotAllowedError } from '../lifecycle.errors';
import type { LifecycleFinding } from '../validation/lifecycle-finding';
import { didYouMean } from '../validation/suggest';
import { factOf, scanStreams, type PinnedLifecycle, type ScanProgress } from '../what-if/ticket-facts';

export interface MigrationOptions {
  process: string;
  fromVersion: number;
  toVersion: number;
  source: LifecycleDefinition;
  target: LifecycleDefinition;
  /** Old state -> new state. States not listed keep their name, which the target must have. */
  mapping: Record<string, string>;
  dryRun: boolean;
  actor: string;
  now: Date;
  ids: IdGenerator;
  ticketStreamPrefix: string;
  migrationEventType: string;
  reason?: string;
  pageSize?: number;
  onProgress?: (progress: ScanProgress & { tickets: number }) => void;
  /** Appends per group-committed batch. */
  batchSize?: number;
}

export interface MigrationItem {
  ticketId: string;
  streamId: string;
  /** The ticket's revision when scanned: the migration event is appended expecting it. */
  revision: number;
  fromState: string;
  toState: string;
}

export interface MigrationReport {
  migrationId: string;
  process: string;
  fromVersion: number;
  toVersion: number;
  mapping: Record<string, string>;
  dryRun: boolean;
  totals: { tickets: number; migrated: number; failed: number };
  byState: { fromState: string; toState: string; count: number }[];
  /** Every ticket and its target state (the dry run's answer). */
  tickets: MigrationItem[];
  failures: { streamId: string; reason: string }[];
}

interface Tracked {
  lifecycle: PinnedLifecycle;
  state: string;
  revision: bigint;
  hash: string | null;
}

/**
 * Moves the tickets in flight on `fromVersion` to `toVersion` with an explicit state mapping.
 * A mapping that names unknown states is invalid; one that would leave any ticket in a state the
 * target lacks is refused before anything is written. Each migrated ticket gets exactly one
 * migration event on its own stream, appended with the revision it was scanned at.
 */
export async function migrateTickets(store: EventStore, options: MigrationOptions): Promise<MigrationReport> {
  checkMapping(options);
  const sourceFinal = (state: string) => options.source.states[state]?.type === 'final';
  const tracked = new Map<string, Tracked>();
  const visit = (event: RecordedEvent) => {
    const fact = factOf(event);
    const ticket = tracked.get(event.streamId);
    const hash = ((event.metadata as { hash?: unknown }).hash as string | undefined) ?? null;
    if (!ticket) {
      if (fact.kind === 'created' && fact.lifecycle.id === options.process) tracked.set(event.streamId, { lifecycle: fact.lifecycle, state: fact.state, revision: event.revision, hash });
      return;
    }
    ticket.revision = event.revision;
    ticket.hash = hash;
    if (fact.kind === 'moved') ticket.state = fact.to;
    if (fact.kind === 'migrated') [ticket.lifecycle, ticket.state] = [fact.lifecycle, fact.toState];
  };
  await scanStreams(store, options.ticketStreamPrefix, visit, {
    pageSize: options.pageSize,
    onProgress: options.onProgress ? (p) => options.onProgress!({ ...p, tickets: tracked.size }) : undefined,
  });

  const items: (MigrationItem & { hash: string | null })[] = [];
  for (const [streamId, t] of tracked) {
    if (t.lifecycle.version !== options.fromVersion || sourceFinal(t.state)) continue;
    items.push({ ticketId: streamId.slice(options.ticketStreamPrefix.length), streamId, revision: Number(t.revision), fromState: t.state, toState: options.mapping[t.state] ?? t.state, hash: t.hash });
  }
  refuseStranding(options, items);

  const migrationId = options.ids.next();
  const failures: { streamId: string; reason: string }[] = [];
  let migrated = 0;
  if (!options.dryRun) {
    const batchSize = options.batchSize ?? 500;
    for (let i = 0; i < items.length; i += batchSize) {
      const batch = items.slice(i, i + batchSize);
      // Appends issued together share one group-committed transaction, each with its own revision check.
      const results = await Promise.allSettled(batch.map((item) => appendMigration(store, options, migrationId, item, item.hash, BigInt(item.revision))));
      for (const [j, result] of results.entries()) {
        if (result.status === 'fulfilled') migrated += 1;
        else if (result.reason instanceof WrongExpectedVersionError) {
          failures.push({ streamId: batch[j].streamId, reason: `The ticket changed after the scan (now at revision ${String(result.reason.actual)}); nothing was written to it. Run the migration again to include it.` });
        } else throw result.reason;
      }
    }
  }
  return {
    migrationId,
    process: options.process,
    fromVersion: options.fromVersion,
    toVersion: options.toVersion,
    mapping: options.mapping,
    dryRun: options.dryRun,
    totals: { tickets: items.length, migrated, failed: failures.length },
    byState: countByState(items),
    tickets: items.map(({ hash: _hash, ...item }) => item),
    failures,
  };
}

function appendMigration(store: EventStore, o: MigrationOptions, migrationId: string, item: MigrationItem, previousHash: string | null, revision: bigint) {
  const lifecycle = { id: o.process, version: o.toVersion };
  const data: JsonObject = {
    migrationId,
    lifecycle,
    fromLifecycle: { id: o.process, version: o.fromVersion },
    fromState: item.fromState,
    toState: item.toState,
    mapping: o.mapping,
    migratedBy: o.actor,
    migratedAt: o.now.toISOString(),
    reason: o.reason ?? null,
  };
  const event: EventData = envelop(
    { type: o.migrationEventType, data },
    { id: o.ids.next(), streamId: item.streamId, revision: revision + 1n, actor: o.actor, occurredAt: o.now, correlationId: migrationId, causationId: migrationId, machine: lifecycle, idempotencyKey: null, previousHash },
  );
  return store.appendToStream(item.streamId, [event], { expectedRevision: revision });
}

function checkMapping(o: MigrationOptions): void {
  const findings: LifecycleFinding[] = [];
  const add = (segments: string[], message: string) => findings.push({ path: jsonPath(segments), code: 'INVALID_MAPPING', severity: 'error', message });
  const sourceStates = Object.keys(o.source.states);
  const targetStates = Object.keys(o.target.states);
  if (o.fromVersion === o.toVersion) add(['toVersion'], `Tickets are already on version ${o.toVersion}.`);
  for (const [from, to] of Object.entries(o.mapping)) {
    if (!sourceStates.includes(from)) add(['mapping', from], `Version ${o.fromVersion} has no state '${from}'.${didYouMean(from, sourceStates)}`);
    if (typeof to !== 'string' || !targetStates.includes(to)) add(['mapping', from], `Version ${o.toVersion} has no state '${String(to)}'.${didYouMean(String(to), targetStates)}`);
  }
  if (findings.length > 0) throw new InvalidMigrationMappingError(findings);
}

function refuseStranding(o: MigrationOptions, items: MigrationItem[]): void {
  const stranded = new Map<string, number>();
  for (const item of items) if (!o.target.states[item.toState]) stranded.set(item.fromState, (stranded.get(item.fromState) ?? 0) + 1);
  if (stranded.size === 0) return;
  const targets = Object.keys(o.target.states).filter((s) => o.target.states[s].type !== 'final');
  const findings: LifecycleFinding[] = [...stranded].map(([state, count]) => ({
    path: jsonPath(['mapping', state]),
    code: 'STRANDED_TICKETS',
    severity: 'error',
    message: `${count} ticket(s) are in '${state}', which version ${o.toVersion} lacks: map '${state}' to one of ${targets.join(', ')}.`,
  }));
  throw new MigrationNotAllowedError(findings, [...stranded.values()].reduce((a, b) => a + b, 0));
}

function countByState(items: MigrationItem[]): MigrationReport['byState'] {
  const counts = new Map<string, { fromState: string; toState: string; count: number }>();
  for (const item of items) {
    const key = `${item.fromState}->${item.toState}`;
    const entry = counts.get(key) ?? { fromState: item.fromState, toState: item.toState, count: 0 };
    entry.count += 1;
    counts.set(key, entry);
  }
  return [...counts.values()].sort((a, b) => b.count - a.count);
}

export function formatMigration(report: MigrationReport, options: { maxTickets?: number } = {}): string {
  const lines = [
    `${report.dryRun ? 'Dry run: would migrate' : 'Migrated'} ${report.dryRun ? report.totals.tickets : report.totals.migrated} ${report.process} ticket(s) from version ${report.fromVersion} to ${report.toVersion}` +
      (report.totals.failed ? `; ${report.totals.failed} failed` : ''),
    ...report.byState.map((s) => `  ${String(s.count).padStart(8)}  ${s.fromState} -> ${s.toState}`),
  ];
  const max = options.maxTickets ?? Infinity;
  if (report.tickets.length > 0 && max > 0) {
    lines.push('', 'Tickets:');
    for (const t of report.tickets.slice(0, max)) lines.push(`  ${t.streamId} (revision ${t.revision}): ${t.fromState} -> ${t.toState}`);
    if (report.tickets.length > max) lines.push(`  ... and ${report.tickets.length - max} more (use --json for all)`);
  }
  for (const f of report.failures) lines.push(`  FAILED ${f.streamId}: ${f.reason}`);
  return lines.join('\n');
}
