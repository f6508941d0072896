import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The engine's Prometheus metrics, in a registry of its own (one per app instance, so two apps in
 * one test process never share counters). Labels are bounded: command types and route templates
 * come from code, never from request data.
 */
export class EngineMetrics {
  readonly registry = new Registry();
  private readonly registers = [this.registry];

  readonly commands = new Counter({
    name: 'itil_commands_total',
    help: 'Commands by type and outcome (ok, replayed, refused, conflict, error)',
    labelNames: ['type', 'outcome'] as const,
    registers: this.registers,
  });
  readonly commandSeconds = new Histogram({
    name: 'itil_command_duration_seconds',
    help: 'Command pipeline latency: load, fold, decide, append, retries',
    labelNames: ['type'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: this.registers,
  });
  readonly conflicts = new Counter({
    name: 'itil_append_conflicts_total',
    help: 'Appends refused because another writer moved the stream first (wrong expected revision)',
    registers: this.registers,
  });
  readonly retries = new Counter({
    name: 'itil_command_retries_total',
    help: 'Commands decided again after a conflict',
    registers: this.registers,
  });
  readonly appendSeconds = new Histogram({
    name: 'itil_event_store_append_duration_seconds',
    help: 'Event store append latency (durable when acknowledged)',
    labelNames: ['outcome'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: this.registers,
  });
  readonly authRefusals = new Counter({
    name: 'itil_auth_refusals_total',
    help: 'Requests refused by authentication or authorisation, by code (AUTH.UNAUTHENTICATED, AUTH.FORBIDDEN, ...)',
    labelNames: ['code'] as const,
    registers: this.registers,
  });
  readonly commandsInFlight = new Gauge({ name: 'itil_commands_in_flight', help: 'Commands running now', registers: this.registers });
  readonly httpSeconds = new Histogram({
    name: 'itil_http_request_duration_seconds',
    help: 'HTTP latency by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    registers: this.registers,
  });

  constructor(options: { processMetrics?: boolean } = {}) {
    if (options.processMetrics !== false) collectDefaultMetrics({ register: this.registry, prefix: 'itil_' });
  }
}
