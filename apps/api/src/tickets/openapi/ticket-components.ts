import { LINK_KINDS } from '@itil/tickets';

/** Shared schemas and header parameters of every process's operations. */
export const TICKET_COMPONENTS = {
  schemas: {
    Problem: {
      type: 'object',
      description: 'RFC 9457 problem details with a stable code',
      required: ['type', 'title', 'status', 'detail', 'instance', 'code'],
      properties: {
        type: { type: 'string' },
        title: { type: 'string' },
        status: { type: 'integer' },
        detail: { type: 'string' },
        instance: { type: 'string' },
        code: { type: 'string', example: 'TICKET.INVALID_INPUT' },
        errors: { type: 'array', items: { type: 'object', properties: { path: { type: 'string', example: '$.impact' }, code: { type: 'string', example: 'NOT_IN_ENUM' }, message: { type: 'string' } } } },
        allowedEvents: { type: 'array', items: { type: 'string' } },
        failedGuards: { type: 'array', items: { type: 'string' } },
        missingFields: { type: 'array', items: { type: 'string' } },
      },
    },
    Offer: { type: 'object', properties: { action: { type: 'string', example: 'resolve-child' }, ticket: { type: 'object', properties: { process: { type: 'string' }, id: { type: 'string' } } }, event: { type: 'string' }, reason: { type: 'string' } } },
    CommandResult: {
      type: 'object',
      properties: {
        id: { type: 'string', format: 'uuid' },
        status: { type: 'string', description: 'The lifecycle state after the command' },
        revision: { type: 'integer' },
        replayed: { type: 'boolean', description: 'True when the Idempotency-Key had been seen: nothing was written' },
        events: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, type: { type: 'string' }, revision: { type: 'integer' } } } },
        offers: { type: 'array', items: { $ref: '#/components/schemas/Offer' } },
      },
    },
    Ticket: {
      type: 'object',
      properties: {
        id: { type: 'string', format: 'uuid' },
        process: { type: 'string' },
        status: { type: 'string' },
        category: { type: 'string', nullable: true },
        lifecycle: { type: 'object', properties: { id: { type: 'string' }, version: { type: 'integer' } } },
        revision: { type: 'integer' },
        openedAt: { type: 'string', format: 'date-time' },
        fields: { type: 'object', additionalProperties: true },
        comments: { type: 'integer' },
        workLoggedMinutes: { type: 'integer' },
        links: { type: 'array', items: { type: 'object' } },
        allowedEvents: {
          type: 'array',
          items: { type: 'object', properties: { event: { type: 'string' }, method: { type: 'string' }, path: { type: 'string' }, requiredFields: { type: 'array', items: { type: 'string' } }, settableFields: { type: 'array', items: { type: 'string' } } } },
        },
        offers: { type: 'array', items: { $ref: '#/components/schemas/Offer' } },
      },
    },
    StoredEvent: { type: 'object', properties: { id: { type: 'string' }, type: { type: 'string' }, revision: { type: 'integer' }, position: { type: 'string' }, recordedAt: { type: 'string', format: 'date-time' }, data: { type: 'object' }, envelope: { type: 'object' } } },
    CommentInput: {
      type: 'object',
      additionalProperties: false,
      required: ['text'],
      properties: { text: { type: 'string', maxLength: 10000 }, visibility: { type: 'string', enum: ['internal', 'public'], default: 'internal' } },
      example: { text: 'Called the user back', visibility: 'internal' },
    },
    WorkLogInput: { type: 'object', additionalProperties: false, required: ['minutes'], properties: { minutes: { type: 'integer', minimum: 1, maximum: 1440 }, note: { type: 'string', maxLength: 2000 } }, example: { minutes: 45, note: 'Replaced the edge router' } },
    LinkInput: {
      type: 'object',
      additionalProperties: false,
      required: ['kind', 'target'],
      properties: {
        kind: { type: 'string', enum: [...LINK_KINDS] },
        target: { type: 'object', additionalProperties: false, required: ['type', 'id'], properties: { type: { type: 'string', enum: ['ticket', 'ci', 'service', 'catalog-item'] }, id: { type: 'string' }, process: { type: 'string' } } },
      },
      example: { kind: 'caused-by', target: { type: 'ci', id: 'edge-router-leeds' } },
    },
  },
  parameters: {
    Id: { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
    XActor: { name: 'X-Actor', in: 'header', required: false, schema: { type: 'string' }, description: 'Optional: refused (400) unless it names the authenticated identity, which is the actor every event records' },
    IdempotencyKey: { name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string' }, description: 'A repeated key returns the first result and writes nothing' },
    IfMatch: { name: 'If-Match', in: 'header', required: false, schema: { type: 'string', example: '"3"' }, description: 'The revision last seen; a mismatch answers 409 (required on PATCH)' },
    XCorrelationId: { name: 'X-Correlation-Id', in: 'header', required: false, schema: { type: 'string' }, description: 'Recorded as the events’ correlation id' },
  },
};
