import { Inject, Injectable } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { ProcessDefinition } from '@itil/tickets';
import { LIFECYCLE_CATALOG, type LifecycleCatalog } from '@itil/workflow';
import { TICKET_PROCESSES } from '../tickets.tokens';
import { TICKET_COMPONENTS } from './ticket-components';
import { pathsOf } from './ticket-paths';

/**
 * The OpenAPI document's ticket operations, built on each request from the live lifecycle
 * versions: a version published a moment ago (here, by another instance or the CLI) is there.
 */
@Injectable()
export class TicketOpenApi {
  constructor(
    @Inject(TICKET_PROCESSES) private readonly processes: ProcessDefinition[],
    @Inject(LIFECYCLE_CATALOG) private readonly catalog: LifecycleCatalog,
  ) {}

  patch(document: OpenAPIObject): OpenAPIObject {
    const paths = { ...document.paths };
    // Merged per method: other modules' operations on the same paths (GET /incidents, the read side's list) stay.
    for (const def of this.processes) for (const [path, item] of Object.entries(pathsOf(def, this.catalog))) paths[path] = { ...(paths[path] ?? {}), ...item };
    // An operation's description is what its summary says when nothing longer was written.
    for (const item of Object.values(paths)) {
      for (const operation of Object.values(item as Record<string, { summary?: string; description?: string }>)) {
        if (operation && typeof operation === 'object' && !operation.description && operation.summary) operation.description = operation.summary;
      }
    }
    const components = document.components ?? {};
    return {
      ...document,
      tags: tagsOf(document, paths, this.processes),
      paths: paths as OpenAPIObject['paths'],
      components: {
        ...components,
        schemas: { ...(components.schemas ?? {}), ...TICKET_COMPONENTS.schemas } as never,
        parameters: { ...(components.parameters ?? {}), ...TICKET_COMPONENTS.parameters } as never,
      },
    };
  }
}

/** Every tag an operation uses, declared once at the top (generated operations bring their own). */
function tagsOf(document: OpenAPIObject, paths: Record<string, unknown>, processes: ProcessDefinition[]): NonNullable<OpenAPIObject['tags']> {
  const tags = [...(document.tags ?? [])];
  const described = new Map(processes.map((d) => [d.resource, `${d.process}: tickets of this process, their lifecycle events, fields, comments, work log and links (generated from the live lifecycle versions)`]));
  for (const item of Object.values(paths)) {
    for (const operation of Object.values(item as Record<string, { tags?: string[] }>)) {
      for (const name of operation?.tags ?? []) {
        if (!tags.some((t) => t.name === name)) tags.push({ name, description: described.get(name) ?? `Operations on ${name}` });
      }
    }
  }
  return tags;
}
