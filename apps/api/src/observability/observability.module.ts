import { Global, Module } from '@nestjs/common';
import { EngineMetrics } from './engine-metrics';
import { MetricsController } from './metrics.controller';

/** Metrics for every module (the command pipeline records into them), and the scrape endpoint. */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [{ provide: EngineMetrics, useFactory: () => new EngineMetrics() }],
  exports: [EngineMetrics],
})
export class ObservabilityModule {}
