import { kebab, settersOf, viewOf, type ProcessDefinition, type VersionView } from '@itil/tickets';
import type { LifecycleCatalog } from '@itil/workflow';
import { READ_TICKETS, WORK_TICKETS } from '../../auth/roles';
import { liveVersions } from '../live-events';
import { exampleOf, schemaOfField, type Schema } from './field-schema';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const param = (name: string) => ({ $ref: `#/components/parameters/${name}` });
const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ref('Problem') } } });
const COMMAND_ERRORS = {
  400: problem('Malformed JSON, a wrong type or an unknown field (code TICKET.INVALID_INPUT, errors[] with JSON paths)'),
  404: problem('Unknown ticket (TICKET.NOT_FOUND)'),
  409: problem('Revision conflict: If-Match is stale (ENGINE.REVISION_CONFLICT)'),
  413: problem('Body larger than BODY_LIMIT'),
  422: problem('Not allowed now: transition not allowed (WORKFLOW.TRANSITION_NOT_ALLOWED), a field not settable, an unknown reference or an assignee outside the group (TICKET.INPUT_NOT_ALLOWED)'),
};
const COMMAND_HEADERS = [param('Id'), param('XActor'), param('IdempotencyKey'), param('IfMatch'), param('XCorrelationId')];
const ok = (description: string) => ({ description, headers: { ETag: { schema: { type: 'string' }, description: 'The revision after the command' } }, content: { 'application/json': { schema: ref('CommandResult') } } });

interface BodySchema {
  schema: Schema;
  example: Record<string, unknown>;
}

/** Properties a command (`create`, `update`, an event) may send in a version, keyed by request property. */
function bodyFor(view: VersionView, by: string, required: string[], extra: Record<string, Schema> = {}): BodySchema {
  const properties: Record<string, Schema> = {};
  const requiredKeys: string[] = [];
  for (const [name, field] of Object.entries(view.dictionary)) {
    for (const setter of settersOf(field).filter((s) => s.by === by)) {
      const key = setter.as ?? name;
      const isRequired = required.includes(name);
      properties[key] = schemaOfField(field, isRequired, setter.states ? `Only in state ${setter.states.join(', ')}` : undefined);
      if (isRequired) requiredKeys.push(key);
    }
  }
  Object.assign(properties, extra);
  const schema: Schema = { type: 'object', additionalProperties: false, properties, ...(requiredKeys.length ? { required: requiredKeys.sort() } : {}) };
  return { schema, example: exampleOf(properties, requiredKeys) };
}

const jsonBody = ({ schema, example }: BodySchema) => ({ required: true, content: { 'application/json': { schema, example } } });

/** Paths of one process, from its live lifecycle versions and field dictionaries. */
export function pathsOf(def: ProcessDefinition, catalog: LifecycleCatalog): Record<string, Record<string, unknown>> {
  const versions = liveVersions(catalog, def).map((l) => viewOf(def, l));
  if (versions.length === 0) return {};
  const latest = versions[versions.length - 1];
  const R = `/${def.resource}`;
  const tag = [def.resource];
  const openRequired = Object.entries(latest.dictionary).filter(([, f]) => f.requiredOnOpen).map(([n]) => n);
  const paths: Record<string, Record<string, unknown>> = {
    [R]: {
      post: {
        tags: tag,
        operationId: `open-${def.process}`,
        summary: `Open a ${def.process} (fact ${def.opened}) on the latest version of its lifecycle`,
        'x-roles': WORK_TICKETS,
        parameters: COMMAND_HEADERS.slice(1),
        requestBody: jsonBody(bodyFor(latest, 'create', openRequired)),
        responses: { 201: { ...ok('Opened'), headers: { Location: { schema: { type: 'string' } } } }, ...COMMAND_ERRORS },
      },
    },
    [`${R}/{id}`]: {
      get: { tags: tag, operationId: `get-${def.process}`, summary: 'State, fields, revision (also ETag), the events allowed now with the fields each requires, and offers', 'x-roles': READ_TICKETS, parameters: [param('Id')], responses: { 200: { description: 'The ticket', content: { 'application/json': { schema: ref('Ticket') } } }, 404: COMMAND_ERRORS[404] } },
      patch: {
        tags: tag,
        operationId: `update-${def.process}`,
        summary: `Update fields (fact ${def.eventPrefix}FieldsUpdated, with the previous values); If-Match is required`,
        'x-roles': WORK_TICKETS,
        parameters: COMMAND_HEADERS,
        requestBody: jsonBody(bodyFor(latest, 'update', [])),
        responses: { 200: ok('Updated'), ...COMMAND_ERRORS, 428: problem('If-Match missing') },
      },
    },
    [`${R}/{id}/events`]: { get: { tags: tag, operationId: `events-of-${def.process}`, summary: 'Every event, oldest first, with its envelope', 'x-roles': READ_TICKETS, parameters: [param('Id')], responses: { 200: { description: 'Events', content: { 'application/json': { schema: { type: 'array', items: ref('StoredEvent') } } } }, 404: COMMAND_ERRORS[404] } } },
    [`${R}/{id}/comments`]: { post: command(def, 'comment', `Comment, internal or public (fact ${def.eventPrefix}Commented)`, 'CommentInput') },
    [`${R}/{id}/work-log`]: { post: command(def, 'log-work', `Log time worked, in minutes (fact ${def.eventPrefix}WorkLogged)`, 'WorkLogInput') },
    [`${R}/{id}/links`]: { post: command(def, 'link', `Link to a ticket, CI, service or catalog item (fact ${def.eventPrefix}Linked)`, 'LinkInput') },
    [`${R}/{id}/links/{linkId}`]: { delete: { ...command(def, 'unlink', `Remove a link (fact ${def.eventPrefix}Unlinked)`), requestBody: undefined, parameters: [...COMMAND_HEADERS, { name: 'linkId', in: 'path', required: true, schema: { type: 'string' } }] } },
  };
  // The route behind every event endpoint: an event no live version has answers 404.
  paths[`${R}/{id}/{event}`] = {
    post: {
      tags: tag,
      operationId: `move-${def.process}`,
      summary: 'Any event of the ticket\'s pinned lifecycle version, in kebab case (each live one is listed as its own operation)',
      'x-roles': WORK_TICKETS,
      parameters: [...COMMAND_HEADERS, { name: 'event', in: 'path', required: true, schema: { type: 'string', pattern: '^[a-z][a-z0-9-]*$' } }],
      requestBody: { required: false, content: { 'application/json': { schema: { type: 'object', additionalProperties: true } } } },
      responses: { 200: ok('Moved'), ...COMMAND_ERRORS, 404: problem('Unknown ticket, or no live version has this event (TICKET.UNKNOWN_EVENT)') },
    },
  };
  for (const [event, having] of eventsOf(versions)) {
    const view = having[having.length - 1];
    const candidates = Object.keys(view.lifecycle.version.config.states).flatMap((state) => view.candidates(state, event).map((t) => ({ state, t })));
    const pinned = new Set(candidates.flatMap(({ t }) => Object.keys(t.meta?.sets ?? {})));
    const required = [...new Set(candidates.flatMap(({ t }) => t.meta?.requiredFields ?? []))].filter((f) => !pinned.has(f));
    const facts = [...new Set(candidates.map(({ t }) => view.recordsOf(t, event)))];
    const body = bodyFor(view, event, required, { note: { type: 'string', maxLength: 10000, nullable: true, description: 'A free-text note recorded with the move' } });
    paths[`${R}/{id}/${kebab(event)}`] = {
      post: {
        tags: tag,
        operationId: `${kebab(event)}-${def.process}`,
        summary: `${event}: ${[...new Set(candidates.map(({ state, t }) => `${state} -> ${t.target ?? state}`))].join(', ')} (fact ${facts.join(', ')})`,
        description: [
          candidates.map(({ t }) => t.description).filter(Boolean).join(' '),
          `Lifecycle versions with this event: ${having.map((v) => `${v.lifecycle.machineId} v${v.lifecycle.version.version}`).join(', ')}; tickets pinned to other versions answer 422.`,
          pinned.size ? `Pins: ${candidates.flatMap(({ t }) => Object.entries(t.meta?.sets ?? {}).map(([f, v]) => `${f}=${JSON.stringify(v)}`)).join(', ')}.` : '',
        ].filter(Boolean).join('\n\n'),
        'x-roles': WORK_TICKETS,
        'x-records': facts,
        'x-lifecycle-versions': having.map((v) => v.lifecycle.version.version),
        parameters: COMMAND_HEADERS,
        requestBody: jsonBody(body),
        responses: { 200: ok(`Moved (fact ${facts.join(', ')})`), ...COMMAND_ERRORS },
      },
    };
  }
  return paths;
}

function command(def: ProcessDefinition, verb: string, summary: string, input?: string) {
  return {
    tags: [def.resource],
    operationId: `${verb}-${def.process}`,
    summary,
    'x-roles': WORK_TICKETS,
    parameters: COMMAND_HEADERS,
    ...(input ? { requestBody: { required: true, content: { 'application/json': { schema: ref(input) } } } } : {}),
    responses: { 200: ok('Recorded'), ...COMMAND_ERRORS },
  };
}

/** Event -> the versions that have it, oldest first. */
function eventsOf(versions: VersionView[]): Map<string, VersionView[]> {
  const events = new Map<string, VersionView[]>();
  for (const view of versions) {
    const names = new Set(Object.values(view.lifecycle.version.config.states).flatMap((s) => Object.keys(s.on ?? {})));
    for (const name of [...names].sort()) events.set(name, [...(events.get(name) ?? []), view]);
  }
  return events;
}
