import { envelop, type IdGenerator } from '@itil/engine';
import { WrongExpectedVersionError, type EventData, type EventStore, type JsonObject, type RecordedEvent } from '@itil/event-store';
import { isFilled } from '@itil/workflow';
import { jsonPath } from '../definition/json-path';
import type { LifecycleDefinition } from '../definition/lifecycle-json';
import { InvalidMigrationMappingError, MigrationNotAllowedError, type MigrationFinding } from '../lifecycle.errors';
import type { LifecycleFinding } from '../validation/lifecycle-finding';
import { didYouMean } from '../validation/suggest';
import { factOf, recordedFieldsOf, scanStreams, type PinnedLifecycle, type ScanProgress } from '../what-if/ticket-facts';

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
  /** The last recorded value of each field some target state requires (only those: memory stays small). */
  fields: Record<string, unknown>;
}

/** A ticket the mapping would leave in a state whose required fields it lacks. */
export interface InvalidTicket {
  streamId: string;
  fromState: string;
  toState: string;
  missingFields: string[];
}

/** At most this many invalid tickets are listed in a refusal (the count is always exact). */
const INVALID_TICKETS_LISTED = 1000;

/**
 * Moves the tickets in flight on `fromVersion` to `toVersion` with an explicit state mapping.
 * A mapping that names unknown states is invalid; one that would leave any ticket in a state the
 * target lacks is refused before anything is written. Each migrated ticket gets exactly one
 * migration event on its own stream, appended with the revision it was scanned at.
 */
export async function migrateTickets(store: EventStore, options: MigrationOptions): Promise<MigrationReport> {
  checkMapping(options);
  const sourceFinal = (state: string) => options.source.states[state]?.type === 'final';
  const watched = [...new Set(Object.values(options.target.states).flatMap((s) => s.meta?.requiredFields ?? []))];
  const remember = (fields: Record<string, unknown>, event: RecordedEvent) => {
    const recorded = recordedFieldsOf(event);
    for (const field of watched) if (field in recorded) fields[field] = recorded[field];
  };
  const tracked = new Map<string, Tracked>();
  const visit = (event: RecordedEvent) => {
    const fact = factOf(event);
    const ticket = tracked.get(event.streamId);
    const hash = ((event.metadata as { hash?: unknown }).hash as string | undefined) ?? null;
    if (!ticket) {
      if (fact.kind === 'created' && fact.lifecycle.id === options.process) {
        const created: Tracked = { lifecycle: fact.lifecycle, state: fact.state, revision: event.revision, hash, fields: {} };
        remember(created.fields, event);
        tracked.set(event.streamId, created);
      }
      return;
    }
    ticket.revision = event.revision;
    ticket.hash = hash;
    remember(ticket.fields, event);
    if (fact.kind === 'moved') ticket.state = fact.to;
    if (fact.kind === 'migrated') [ticket.lifecycle, ticket.state] = [fact.lifecycle, fact.toState];
  };
  await scanStreams(store, options.ticketStreamPrefix, visit, {
    pageSize: options.pageSize,
    onProgress: options.onProgress ? (p) => options.onProgress!({ ...p, tickets: tracked.size }) : undefined,
  });

  const items: (MigrationItem & { hash: string | null; fields: Record<string, unknown> })[] = [];
  for (const [streamId, t] of tracked) {
    if (t.lifecycle.version !== options.fromVersion || sourceFinal(t.state)) continue;
    items.push({ ticketId: streamId.slice(options.ticketStreamPrefix.length), streamId, revision: Number(t.revision), fromState: t.state, toState: options.mapping[t.state] ?? t.state, hash: t.hash, fields: t.fields });
  }
  refuseStranding(options, items);
  refuseMissingFields(options, items);

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
    tickets: items.map(({ hash: _hash, fields: _fields, ...item }) => item),
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
  const findings: MigrationFinding[] = [...stranded].map(([state, count]) => ({
    path: jsonPath(['mapping', state]),
    code: 'STRANDED_TICKETS',
    severity: 'error',
    message: `${count} ticket(s) are in '${state}', which version ${o.toVersion} lacks: map '${state}' to one of ${targets.join(', ')}.`,
  }));
  throw new MigrationNotAllowedError(findings, [...stranded.values()].reduce((a, b) => a + b, 0));
}

/**
 * A migration is not a transition, but the ticket lands in the target state all the same: it
 * must have what that state requires (its `requiredFields`), or it would sit there invalid
 * (an `inProgress` incident with no assignee). A field counts as present when the ticket's
 * events last recorded a filled value for it; a field its current state requires and its events
 * never named (recorded under another name, e.g. an incident's pend `reason`) is trusted to be
 * there, since the engine refused to enter that state without it.
 */
function refuseMissingFields(o: MigrationOptions, items: (MigrationItem & { fields: Record<string, unknown> })[]): void {
  const invalid: InvalidTicket[] = [];
  const byMove = new Map<string, { fromState: string; toState: string; fields: Set<string>; count: number }>();
  for (const item of items) {
    const required = o.target.states[item.toState]?.meta?.requiredFields ?? [];
    const guaranteed = new Set(o.source.states[item.fromState]?.meta?.requiredFields ?? []);
    const missing = required.filter((f) => !isFilled(item.fields[f]) && !(item.fields[f] === undefined && guaranteed.has(f)));
    if (missing.length === 0) continue;
    if (invalid.length < INVALID_TICKETS_LISTED) invalid.push({ streamId: item.streamId, fromState: item.fromState, toState: item.toState, missingFields: missing });
    const key = `${item.fromState}->${item.toState}`;
    const entry = byMove.get(key) ?? { fromState: item.fromState, toState: item.toState, fields: new Set<string>(), count: 0 };
    entry.count += 1;
    missing.forEach((f) => entry.fields.add(f));
    byMove.set(key, entry);
  }
  if (byMove.size === 0) return;
  const findings: MigrationFinding[] = [...byMove.values()].map((m) => ({
    path: jsonPath(['mapping', m.fromState]),
    code: 'MISSING_REQUIRED_FIELDS',
    severity: 'error',
    message: `${m.count} ticket(s) in '${m.fromState}' would enter '${m.toState}' of version ${o.toVersion} without ${[...m.fields].sort().join(', ')}, which that state requires: map '${m.fromState}' to a state they qualify for, or set the fields first.`,
  }));
  const count = [...byMove.values()].reduce((a, m) => a + m.count, 0);
  throw new MigrationNotAllowedError(findings, count, invalid);
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
