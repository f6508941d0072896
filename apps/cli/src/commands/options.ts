import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { InvalidArgumentError } from 'commander';
import type { DefinitionRef } from '@itil/lifecycles';
import type { CliIo } from '../cli-io';
import { UsageError } from '../cli-errors';

export const integer = (value: string): number => {
  if (!/^\d{1,9}$/.test(value)) throw new InvalidArgumentError('expected a whole number');
  return Number(value);
};

export const instant = (value: string): string => {
  if (!Number.isFinite(Date.parse(value))) throw new InvalidArgumentError('expected an ISO 8601 date or instant, e.g. 2026-03-01 or 2026-03-01T09:00:00Z');
  return value;
};

/** `old=new` pairs of a state mapping. */
export const mappingPair = (value: string, previous: Record<string, string> = {}): Record<string, string> => {
  const match = /^([^=\s]+)=([^=\s]+)$/.exec(value);
  if (!match) throw new InvalidArgumentError(`expected old=new, e.g. awaitingVendor=awaitingCaller (got '${value}')`);
  return { ...previous, [match[1]]: match[2] };
};

export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** The text of a definition file (kept as text, so duplicate keys and syntax errors are located). */
export function readDefinition(file: string, io: CliIo): string {
  try {
    return readFileSync(isAbsolute(file) ? file : resolve(io.cwd, file), 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

/** `3` or `v3`: a version; `draft:2` or `d2`: a draft; anything else: a definition file. */
export function definitionRef(arg: string, io: CliIo): DefinitionRef {
  const version = /^v?(\d{1,9})$/.exec(arg);
  if (version) return { version: Number(version[1]) };
  const draft = /^(?:draft:?|d)(\d{1,9})$/.exec(arg);
  if (draft) return { draft: Number(draft[1]) };
  return { definition: readDefinition(arg, io) };
}

export const json = (value: unknown): string => JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2);
