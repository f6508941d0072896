import type { EventStore } from '@itil/event-store';
import type { CsiReportPort } from '@itil/improvement';
import { waitForPosition } from '@itil/read-models';
import type { ReadSideService } from '../read-models/read-side.service';

/**
 * The register's CSI port, answered by the read side's own query (CsiQueries.report, per day, by
 * service): the figures an initiative records are the figures GET /reports/csi/:metric shows.
 * Before measuring, it waits (bounded, 503 when behind) until the csi projection has applied
 * everything written so far, so a baseline taken now includes the ticket resolved a moment ago.
 */
export class ReadSideCsiReports implements CsiReportPort {
  constructor(
    private readonly side: ReadSideService,
    private readonly store: EventStore,
    private readonly maxWaitMs: number,
  ) {}

  async dailyByService(request: Parameters<CsiReportPort['dailyByService']>[0]) {
    const head = await this.store.headPosition();
    if (head !== undefined) await waitForPosition(this.side.rm, 'csi', head, this.maxWaitMs);
    const report = await this.side.csi.report({ metric: request.metric, period: 'day', by: 'service', from: request.from, to: request.to, asOf: request.asOf });
    return { definition: report.definition, rows: report.rows };
  }
}
