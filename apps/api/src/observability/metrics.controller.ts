import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { Public } from '../auth/roles';
import { EngineMetrics } from './engine-metrics';

/**
 * Prometheus scrape endpoint. Public like /health: it carries counts and latencies by command
 * type and route template, never ticket data or ids (docs/security.md: keep it off the public
 * network, as for any exporter).
 */
@ApiTags('health')
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(EngineMetrics) private readonly metrics: EngineMetrics) {}

  @Get()
  @Public()
  @SkipThrottle()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiProduces('text/plain')
  @ApiOperation({ summary: 'Prometheus metrics: commands by type and outcome, conflicts, retries, append and HTTP latency' })
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
