import { checkValue, pathOf } from '../fields/check-value';
import type { FieldType } from '../fields/field-types';
import type { ProcessDefinition } from '../process-definition';
import { queryKey, type ReferenceKind, type ReferenceSnapshot } from '../references/reference-resolver.port';
import { LINK_KINDS } from '../ticket.commands';
import type { LinkTarget, TicketEvent } from '../ticket.events';
import type { Ticket } from '../ticket.state';
import { ReferencesNeeded, TicketInputInvalidError, TicketInputNotAllowedError, UnknownLinkError, type InputError } from '../tickets.errors';
import { typeOf } from './ticket.evolve';

/*
 * The commands that record something beside the fields: comments, work log entries, links.
 * Their ids are sequence numbers within the ticket (`comment-3`), so decide stays pure and
 * replays give the same ids.
 */

const COMMENT_TEXT: FieldType = { kind: 'text', maxLength: 10_000, multiline: true };
const WORK_NOTE: FieldType = { kind: 'text', maxLength: 2_000, multiline: true };
const MINUTES: FieldType = { kind: 'duration', maxMinutes: 24 * 60 };
const VISIBILITY: FieldType = { kind: 'enum', values: ['internal', 'public'] };
const LINK_KIND: FieldType = { kind: 'enum', values: [...LINK_KINDS] };
const TARGET_TYPE: FieldType = { kind: 'enum', values: ['ticket', 'ci', 'service', 'catalog-item'] };
const ID: FieldType = { kind: 'ref', to: 'ticket' };
const PROCESS: FieldType = { kind: 'text', maxLength: 80 };

type Shape = Record<string, { type: FieldType; required?: boolean }>;

/** Checks a small fixed body: unknown properties, types and required ones (400). */
function checkShape(shape: Shape, input: Record<string, unknown>, prefix = '$'): InputError[] {
  const errors: InputError[] = [];
  for (const key of Object.keys(input)) {
    if (!shape[key]) errors.push({ path: `${prefix}${pathOf(key).slice(1)}`, code: 'UNKNOWN_FIELD', message: `'${key}' is not accepted here; allowed: ${Object.keys(shape).join(', ')}` });
  }
  for (const [key, { type, required }] of Object.entries(shape)) {
    const path = `${prefix}${pathOf(key).slice(1)}`;
    if (input[key] === undefined || input[key] === null) {
      if (required) errors.push({ path, code: 'REQUIRED', message: 'is required' });
      continue;
    }
    errors.push(...checkValue(type, input[key], path, required));
  }
  return errors;
}

export function decideComment(def: ProcessDefinition, s: Ticket, input: Record<string, unknown>): TicketEvent {
  const errors = checkShape({ text: { type: COMMENT_TEXT, required: true }, visibility: { type: VISIBILITY } }, input);
  if (errors.length > 0) throw new TicketInputInvalidError(def.process, errors);
  return {
    type: typeOf(def, 'commented'),
    data: { ticketId: s.id, commentId: `comment-${s.comments.length + 1}`, text: input.text as string, visibility: (input.visibility as 'internal' | 'public' | undefined) ?? 'internal' },
  };
}

export function decideWorkLog(def: ProcessDefinition, s: Ticket, input: Record<string, unknown>, actor: string): TicketEvent {
  const errors = checkShape({ minutes: { type: MINUTES, required: true }, note: { type: WORK_NOTE } }, input);
  if (errors.length === 0 && input.minutes === 0) errors.push({ path: '$.minutes', code: 'OUT_OF_RANGE', message: 'must be at least 1 minute' });
  if (errors.length > 0) throw new TicketInputInvalidError(def.process, errors);
  return {
    type: typeOf(def, 'workLogged'),
    data: { ticketId: s.id, entryId: `work-${s.workEntries + 1}`, minutes: input.minutes as number, note: (input.note as string | undefined) ?? '', workedBy: actor },
  };
}

export function decideLink(def: ProcessDefinition, s: Ticket, input: Record<string, unknown>, refs: ReferenceSnapshot): TicketEvent {
  // `target` is an object checked on its own below; the rest of the body is a flat shape.
  const { target, ...rest } = input;
  const errors = checkShape({ kind: { type: LINK_KIND, required: true } }, rest);
  if (target === undefined || target === null) errors.push({ path: '$.target', code: 'REQUIRED', message: 'is required' });
  else if (typeof target !== 'object' || Array.isArray(target)) errors.push({ path: '$.target', code: 'WRONG_TYPE', message: 'must be an object { type, id, process? }' });
  else errors.push(...checkShape({ type: { type: TARGET_TYPE, required: true }, id: { type: ID, required: true }, process: { type: PROCESS } }, target as Record<string, unknown>, '$.target'));
  if (errors.length > 0) throw new TicketInputInvalidError(def.process, errors);
  const t = target as { type: LinkTarget['type']; id: string; process?: string };
  const query = { kind: t.type as ReferenceKind, id: t.id };
  if (!refs.asked.includes(queryKey(query))) throw new ReferencesNeeded([query]);
  const found = refs[query.kind][query.id] as { process?: string } | undefined;
  const refused: InputError[] = [];
  if (!found) refused.push({ path: '$.target.id', code: 'UNKNOWN_REFERENCE', message: `no ${t.type} '${t.id}' exists` });
  else if (t.type === 'ticket' && t.process !== undefined && found.process !== t.process) {
    refused.push({ path: '$.target.process', code: 'UNKNOWN_REFERENCE', message: `'${t.id}' is a ${found.process}, not a ${t.process}` });
  }
  if (t.type === 'ticket' && t.id === s.id) refused.push({ path: '$.target.id', code: 'UNKNOWN_REFERENCE', message: 'a ticket cannot be linked to itself' });
  if (s.links.some((l) => l.kind === input.kind && l.target.type === t.type && l.target.id === t.id)) {
    refused.push({ path: '$', code: 'DUPLICATE_LINK', message: `already linked ${input.kind as string} ${t.type} '${t.id}'` });
  }
  if (refused.length > 0) throw new TicketInputNotAllowedError(def.process, refused);
  const process = t.type === 'ticket' ? (found as { process: string }).process : null;
  return { type: typeOf(def, 'linked'), data: { ticketId: s.id, linkId: `link-${s.linksMade + 1}`, kind: input.kind as string, target: { type: t.type, id: t.id, process } } };
}

export function decideUnlink(def: ProcessDefinition, s: Ticket, linkId: string): TicketEvent {
  if (!s.links.some((l) => l.linkId === linkId)) throw new UnknownLinkError(linkId);
  return { type: typeOf(def, 'unlinked'), data: { ticketId: s.id, linkId } };
}
