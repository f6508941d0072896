import { hostname } from 'node:os';
import { jsonLogger, startProjector } from './projector';
import { projectorConfig } from './projector.config';

/** `npm run projector`: the projections as their own process (scale out, restart independently). */
async function main(): Promise<void> {
  const logger = jsonLogger();
  const projector = await startProjector(projectorConfig(process.env, process.pid, hostname()), undefined, logger);
  const shutdown = (signal: string) => {
    logger.log(`${signal}: stopping`);
    projector.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error(String(error));
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
