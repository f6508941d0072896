import type { WhatIfReport } from './what-if';

const n = (value: number) => value.toLocaleString('en-US');

/** The what-if report for a terminal or a ticket comment: summary first, then the affected tickets. */
export function formatWhatIf(report: WhatIfReport, options: { maxTickets?: number } = {}): string {
  const t = report.totals;
  const lines = [
    `What-if for ${report.process}: ${n(t.tickets)} ticket(s) replayed${report.checkGuards ? ' (guards checked on recorded data)' : ' (guards not re-run)'}`,
    `  accepted  ${n(t.accepted)}`,
    `  rejected  ${n(t.rejected)}   histories the draft could not have produced`,
    `  in flight ${n(t.inFlight)}`,
    `  stranded  ${n(t.stranded)}   in-flight tickets whose state is gone or leads nowhere in the draft`,
  ];
  if (report.rejections.byTransition.length > 0) {
    lines.push('', 'Rejected at:');
    for (const r of report.rejections.byTransition) lines.push(`  ${n(r.count).padStart(8)}  ${r.from} --${r.via}--> ${r.to}  [${r.reason}]`);
  }
  if (report.stranded.byState.length > 0) {
    lines.push('', 'Stranded in:');
    for (const s of report.stranded.byState) lines.push(`  ${n(s.count).padStart(8)}  ${s.state}  [${s.reason}]`);
  }
  const max = options.maxTickets ?? 20;
  if (report.tickets.length > 0 && max > 0) {
    lines.push('', `Affected tickets (${Math.min(max, report.tickets.length)} of ${n(t.affected)}):`);
    for (const ticket of report.tickets.slice(0, max)) {
      const why = [
        ticket.rejection ? `rejected at step ${ticket.rejection.step} (revision ${ticket.rejection.revision}): ${ticket.rejection.message.replace(/\.$/, '')}` : null,
        ticket.stranded ? `stranded in '${ticket.state}' (${ticket.stranded})` : null,
      ].filter(Boolean);
      lines.push(`  ${ticket.streamId} v${ticket.lifecycle.version} ${ticket.state}: ${why.join('; ')}`);
    }
  }
  const s = report.stats;
  lines.push('', `Read ${n(s.eventsRead)} events in ${s.pages} page(s) in ${(s.elapsedMs / 1000).toFixed(2)} s: ${n(s.ticketsPerSecond)} tickets/s, ${n(s.eventsPerSecond)} events/s.`);
  return lines.join('\n');
}
