import { BadRequestException, Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CSI_METRIC_NAMES, CSI_METRICS, type CsiMetric } from '@itil/read-models';
import { READ_MODELS, Roles } from '../auth/roles';
import { CsiReportQuery } from './read-models.dto';
import { negotiate } from './read-model.presenter';
import { ReadSideService } from './read-side.service';

/** CSI figures per day, week or month, by service, group, priority or process, each with its definition. */
@ApiTags('read models')
@Roles(...READ_MODELS)
@Controller('reports/csi')
export class CsiReportsController {
  constructor(private readonly side: ReadSideService) {}

  @Get()
  @ApiOperation({ summary: 'The CSI metrics and their definitions' })
  metrics() {
    return CSI_METRIC_NAMES.map((metric) => ({ metric, definition: CSI_METRICS[metric], href: `/reports/csi/${metric}` }));
  }

  @Get(':metric')
  @ApiParam({ name: 'metric', enum: CSI_METRIC_NAMES })
  @ApiOperation({ summary: 'One CSI metric; the response states its definition (CSV: in the X-Metric-Definition header)' })
  @ApiProduces('application/json', 'text/csv')
  async report(@Param('metric') metric: string, @Query() query: CsiReportQuery, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) res: Response) {
    if (!(CSI_METRIC_NAMES as string[]).includes(metric)) throw new BadRequestException(`metric must be one of: ${CSI_METRIC_NAMES.join(', ')}`);
    await this.side.after('csi', query.after);
    const report = await this.side.csi.report({ metric: metric as CsiMetric, period: query.period, by: query.by, from: query.from, to: query.to, asOf: query.asOf });
    return negotiate(accept, res, report, report.rows, { 'X-Metric-Definition': report.definition });
  }
}
