import type { Response } from 'express';
import type { TicketCommentsRow, TicketsRow, TicketWorkLogRow } from '@itil/read-models';

/** The read models' JSON: camelCase, the fields as an object. */
export const presentTicket = (r: TicketsRow) => ({
  id: r.ticket_id,
  process: r.process,
  title: r.title,
  description: r.description,
  state: r.state,
  stateCategory: r.state_category,
  open: r.is_open === 1,
  slaClock: r.sla_clock,
  priority: r.priority,
  assignmentGroup: r.assignment_group,
  assignee: r.assignee,
  service: r.service,
  configurationItem: r.configuration_item,
  category: r.category,
  caller: r.caller,
  lifecycle: { id: r.lifecycle_id, version: r.lifecycle_version },
  openedAt: r.opened_at,
  updatedAt: r.updated_at,
  resolvedAt: r.resolved_at,
  closedAt: r.closed_at,
  slaDueAt: r.sla_due_at,
  slaBreached: r.sla_breached === 1,
  slaBreachedAt: r.sla_breached_at,
  reopenCount: r.reopen_count,
  commentCount: r.comment_count,
  effortMinutes: r.effort_minutes,
  fields: JSON.parse(r.fields_json) as Record<string, unknown>,
  position: BigInt(r.last_position).toString(),
});

export const presentComment = (c: TicketCommentsRow) => ({ id: c.comment_id, ticketId: c.ticket_id, text: c.text, visibility: c.visibility, author: c.author, createdAt: c.created_at, position: BigInt(c.position).toString() });

export const presentWork = (w: TicketWorkLogRow) => ({ id: w.entry_id, ticketId: w.ticket_id, minutes: w.minutes, note: w.note, workedBy: w.worked_by, workedAt: w.worked_at, assignmentGroup: w.assignment_group, service: w.service });

type Flat = Record<string, unknown>;

/** CSV (RFC 4180): a header of every column, nested values as JSON, quotes doubled. */
export function toCsv(rows: Flat[]): string {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (v: unknown): string => {
    const text = v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [columns.join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))].join('\r\n') + '\r\n';
}

/** `Accept: text/csv` gets the rows as CSV; anything else the JSON body. */
export function negotiate(accept: string | undefined, res: Response, body: unknown, rows: Flat[], headers: Record<string, string> = {}): unknown {
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  if (accept && /\btext\/csv\b/i.test(accept)) {
    res.type('text/csv; charset=utf-8').send(toCsv(rows));
    return undefined;
  }
  return body;
}
