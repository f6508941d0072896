import type { JsonObject, StreamMetadata } from './event-store.port';

/**
 * Stream metadata travels in EventStoreDB's own JSON shape (`$maxCount`, `$maxAge`, `$tb`,
 * `$cacheControl`, custom keys beside them), stored as a `$metadata` event in the `$$<stream>`
 * stream. Both adapters use this codec so the two stores agree byte for byte.
 */
export const METADATA_EVENT_TYPE = '$metadata';
export const metadataStreamOf = (streamId: string): string => `$$${streamId}`;

const SYSTEM_KEYS: Record<string, keyof StreamMetadata> = {
  $maxCount: 'maxCount',
  $maxAge: 'maxAge',
  $tb: 'truncateBefore',
  $cacheControl: 'cacheControl',
};

export function encodeStreamMetadata(metadata: StreamMetadata): JsonObject {
  const json: JsonObject = { ...(metadata.custom ?? {}) };
  if (metadata.maxCount !== undefined) json.$maxCount = metadata.maxCount;
  if (metadata.maxAge !== undefined) json.$maxAge = metadata.maxAge;
  if (metadata.truncateBefore !== undefined) json.$tb = Number(metadata.truncateBefore);
  if (metadata.cacheControl !== undefined) json.$cacheControl = metadata.cacheControl;
  return json;
}

export function decodeStreamMetadata(json: JsonObject): StreamMetadata {
  const metadata: StreamMetadata = {};
  const custom: JsonObject = {};
  for (const [key, value] of Object.entries(json)) {
    const known = SYSTEM_KEYS[key];
    if (known === 'truncateBefore') metadata.truncateBefore = BigInt(value as number);
    else if (known) (metadata as Record<string, unknown>)[known] = value;
    else if (!key.startsWith('$')) custom[key] = value;
  }
  if (Object.keys(custom).length > 0) metadata.custom = custom;
  return metadata;
}

/** `$all` reads hide system events, as the client's `excludeSystemEvents()` filter does. */
export const isSystemEventType = (type: string): boolean => type.startsWith('$');
