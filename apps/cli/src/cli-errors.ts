import { CommanderError } from 'commander';
import { formatFindings, type LifecycleFinding } from '@itil/lifecycles';

export const EXIT = { ok: 0, refused: 1, usage: 2, impact: 3 } as const;

/** A usage mistake the CLI itself detects (commander reports its own). */
export class UsageError extends Error {}

/** Prints an error as `error [CODE]: message` plus its findings, and says which exit code it deserves. */
export function reportError(error: unknown, err: (text: string) => void): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  if (error instanceof UsageError) {
    err(`error: ${error.message}`);
    return EXIT.usage;
  }
  const coded = error as { code?: unknown; message?: string; findings?: LifecycleFinding[] };
  if (error instanceof Error && typeof coded.code === 'string' && /^[A-Z_]+\.[A-Z_]+$/.test(coded.code)) {
    err(`error [${coded.code}]: ${error.message}`);
    if (Array.isArray(coded.findings) && coded.findings.length > 0) err(formatFindings(coded.findings));
    return EXIT.refused;
  }
  err(`error: ${error instanceof Error ? error.message : String(error)}`);
  return EXIT.refused;
}
