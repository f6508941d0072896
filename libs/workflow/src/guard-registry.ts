/**
 * Guards are code, referenced by name from the JSON definitions. A guard sees the ticket's
 * current fields (`context`) and the command's data (`event`) and answers yes or no; it never
 * does I/O, so evaluating a transition stays pure.
 */
export interface GuardInput {
  context: Record<string, unknown>;
  event: { type: string } & Record<string, unknown>;
}
export type Guard = (input: GuardInput) => boolean;
export type GuardRegistry = Readonly<Record<string, Guard>>;

/** Present and not blank: the usual meaning of "required" for a ticket field. */
export const isFilled = (value: unknown): boolean =>
  value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === '');

/** A field counts as present when the command sets it or the ticket already has it. */
export const fieldOf = ({ context, event }: GuardInput, field: string): unknown => event[field] ?? context[field];

/** A guard that holds when every one of `fields` is filled on the command or already on the ticket. */
export const hasFields =
  (...fields: string[]): Guard =>
  (input) =>
    fields.every((field) => isFilled(fieldOf(input, field)));

export function mergeGuards(...registries: GuardRegistry[]): GuardRegistry {
  const merged: Record<string, Guard> = {};
  for (const registry of registries) {
    for (const [name, guard] of Object.entries(registry)) {
      if (merged[name] && merged[name] !== guard) throw new Error(`Guard ${name} is registered twice`);
      merged[name] = guard;
    }
  }
  return merged;
}
