import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const NOW = new Date('2026-03-02T09:00:00Z');

/** A command as the API or the CLI builds it: data plus who asks and when. */
export const cmd = <T extends string, const D>(type: T, data: D, actor = 'user:admin') => ({ type, data, metadata: { now: NOW, actor } });

export const tempFile = (name = 'events.db'): string => join(mkdtempSync(join(tmpdir(), 'refdata-')), name);
