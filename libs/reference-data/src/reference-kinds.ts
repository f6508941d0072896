/**
 * The kinds of reference data and their streams (docs/design/ticket-engine-contract.md):
 * `ci-<id>`, `group-<id>`, `user-<id>`, `service-<id>`, `catalog-item-<id>`.
 */
export const REFERENCE_KINDS = ['ci', 'group', 'user', 'service', 'catalog-item'] as const;
export type ReferenceKind = (typeof REFERENCE_KINDS)[number];

export const streamOf = (kind: ReferenceKind, id: string): string => `${kind}-${id}`;

/**
 * Ids are chosen by people (`email`, `network-team`, `ana`): short, readable, safe in a URL and a
 * stream name. Service ids may not start with `request-`: `service-request-<uuid>` is the stream
 * of a service request ticket, and a service must never share it.
 */
export const REFERENCE_ID = /^[a-z0-9][a-z0-9._:-]{0,99}$/i;

export function idProblem(kind: ReferenceKind, id: unknown): string | undefined {
  if (typeof id !== 'string' || !REFERENCE_ID.test(id)) return 'must be 1-100 letters, digits, . _ : - starting with a letter or digit';
  if (kind === 'service' && /^request-/i.test(id)) return "a service id may not start with 'request-' (service-request-… is a ticket stream)";
  return undefined;
}

/** The kind and id a reference-data stream holds, or undefined for any other stream. */
export function parseStream(streamId: string): { kind: ReferenceKind; id: string } | undefined {
  if (streamId.startsWith('service-request-')) return undefined;
  // Longest prefix first: `catalog-item-` before any shorter one it could contain.
  for (const kind of ['catalog-item', 'service', 'group', 'user', 'ci'] as const) {
    if (streamId.startsWith(`${kind}-`)) {
      const id = streamId.slice(kind.length + 1);
      return idProblem(kind, id) ? undefined : { kind, id };
    }
  }
  return undefined;
}
