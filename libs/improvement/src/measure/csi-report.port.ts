import type { CsiMetric } from '@itil/read-models/queries/csi-definitions';

export type CsiReportRow = Record<string, string | number | null>;

/**
 * The CSI read model as the register needs it: one metric per UTC day, broken down by service,
 * with the definition the read side states (the API answers it with CsiQueries.report, period
 * `day`, by `service`). Backlog aging is not per day: it is measured at `asOf`.
 */
export interface CsiReportPort {
  dailyByService(request: { metric: CsiMetric; from: string; to: string; asOf?: string }): Promise<{ definition: string; rows: CsiReportRow[] }>;
}

export const CSI_REPORT_PORT = Symbol('CSI_REPORT_PORT');
