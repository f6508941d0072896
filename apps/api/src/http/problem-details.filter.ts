import { Catch, HttpException, HttpStatus, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { statusOfCode } from './error-status';

/** RFC 9457 problem details: `type`, `title`, `status`, `detail`, `instance`, plus a stable `code`. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: string;
  [extension: string]: unknown;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  410: 'Gone',
  412: 'Precondition Failed',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Fields of domain errors that help a client act (allowed events, revisions...). */
const EXTENSIONS = [
  'allowedEvents',
  'failedGuards',
  'missingFields',
  'state',
  'event',
  'machineId',
  'expectedRevision',
  'actualRevision',
  'incidentId',
  'findings',
  'process',
  'expectedVersion',
  'actualVersion',
  'strandedTickets',
  'invalidTickets',
  'version',
  'reason',
  'knownProcesses',
  'errors',
  'kind',
  'id',
  'ticketId',
  'policy',
  'linkId',
  'idempotencyKey',
  'requiredRoles',
];

/** Every error leaves the API as `application/problem+json`, with the status its kind deserves. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    this.send(exception, http.getRequest<Request>(), http.getResponse<Response>());
  }

  send(exception: unknown, request: Request, response: Response): void {
    const problem = this.toProblem(exception, request.originalUrl ?? request.url);
    if (problem.status >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    // A store that is full or locked by another process may accept the request shortly: say when to retry.
    if (problem.status === 503 && (exception as { retryable?: unknown } | null)?.retryable === true && !response.getHeader('Retry-After')) response.setHeader('Retry-After', '1');
    response.status(problem.status).type('application/problem+json').send(JSON.stringify(problem, bigintAsString));
  }

  toProblem(exception: unknown, instance: string): ProblemDetails {
    const base = (status: number, code: string, detail: string): ProblemDetails => ({
      type: `urn:itil-engine:problem:${code.toLowerCase()}`,
      title: TITLES[status] ?? HttpStatus[status] ?? 'Error',
      status,
      detail,
      instance,
      code,
    });

    // body-parser errors: malformed JSON, oversize bodies, bad charsets.
    const parser = exception as { type?: string; status?: number; message?: string; limit?: number; maxDepth?: number };
    if (parser?.type === 'entity.parse.failed') return base(400, 'HTTP.MALFORMED_JSON', `The request body is not valid JSON: ${parser.message}`);
    if (parser?.type === 'entity.too.deep') return { ...base(400, 'HTTP.JSON_TOO_DEEP', parser.message ?? 'The request body nests too deeply'), maxDepth: parser.maxDepth };
    if (isDecompressionError(exception)) {
      return base(400, 'HTTP.MALFORMED_ENCODING', `The request body does not decode as its Content-Encoding says: ${(exception as Error).message}`);
    }
    if (parser?.type === 'entity.too.large') return { ...base(413, 'HTTP.BODY_TOO_LARGE', 'The request body is larger than the limit'), limit: parser.limit };
    if (typeof parser?.type === 'string' && parser.type.startsWith('encoding.') || parser?.type === 'charset.unsupported') {
      return base(415, 'HTTP.UNSUPPORTED_ENCODING', parser.message ?? 'Unsupported body encoding');
    }

    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse() as string | { message?: string | string[]; error?: string };
      // Terminus answers a failed health check with 503 and what each indicator said: keep it.
      if (typeof body === 'object' && body !== null && 'details' in body) {
        const health = body as { info?: unknown; error?: unknown; details?: unknown };
        return { ...base(status, 'HEALTH.DOWN', 'A health indicator is down'), info: health.info, error: health.error, details: health.details };
      }
      const messages = typeof body === 'string' ? [body] : Array.isArray(body.message) ? body.message : [body.message ?? exception.message];
      const code = status === 400 ? 'HTTP.INVALID_REQUEST' : status === 404 ? 'HTTP.NOT_FOUND' : `HTTP.${HttpStatus[status] ?? status}`;
      return { ...base(status, code, messages.join('; ')), ...(status === 400 ? { errors: messages } : {}) };
    }

    const coded = exception as { code?: unknown; message?: string };
    if (exception instanceof Error && typeof coded.code === 'string') {
      const status = statusOfCode(coded.code);
      if (status !== undefined) {
        const problem = base(status, coded.code, exception.message);
        for (const key of EXTENSIONS) if (key in exception) problem[key] = (exception as unknown as Record<string, unknown>)[key];
        return problem;
      }
    }
    return base(500, 'HTTP.INTERNAL', 'An unexpected error occurred; it has been logged');
  }
}

/**
 * Errors body-parser raises carry a `type` such as `entity.parse.failed` or `entity.too.large`;
 * a body that does not inflate as its `Content-Encoding` says fails in zlib, whose error has no
 * `type`, only a `Z_*` code.
 */
export function isBodyParserError(error: unknown): boolean {
  const type = (error as { type?: unknown } | null)?.type;
  return (typeof type === 'string' && (type.startsWith('entity.') || type.startsWith('encoding.') || type === 'charset.unsupported')) || isDecompressionError(error);
}

/** zlib's errors (gzip, deflate, brotli) carry codes such as Z_DATA_ERROR or Z_BUF_ERROR. */
function isDecompressionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof Error && typeof code === 'string' && /^(Z|ERR_BROTLI|ERR__?ZLIB)_/.test(code);
}

function bigintAsString(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}
