import type { LoggerService } from '@nestjs/common';
import pino, { type Logger } from 'pino';

/** One JSON object per line on stdout (what log shippers read), with the time in ISO 8601. */
export function createJsonLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino({ level, base: { service: 'itil-engine' }, timestamp: pino.stdTimeFunctions.isoTime, formatters: { level: (label) => ({ level: label }) } }, destination as never);
}

/** Nest's logger calls, as structured lines: `context` becomes a field, errors keep their stack. */
export class JsonNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string) {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, stack?: string, context?: string) {
    this.logger.error({ context, stack }, String(message));
  }
  warn(message: unknown, context?: string) {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string) {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string) {
    this.logger.trace({ context }, String(message));
  }
  fatal(message: unknown, context?: string) {
    this.logger.fatal({ context }, String(message));
  }
}
