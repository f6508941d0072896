import { allProjections } from '@itil/read-models';
import { jsonLogger, startProjector } from '../projector';
import { projectorConfig } from '../projector.config';
import { countingProjection } from './counting-projection';

/** The real projector with the counting projection added: what the two-process test runs. */
const config = projectorConfig(process.env, process.pid, 'test');
startProjector(config, [...allProjections(), countingProjection(config.holder)], jsonLogger()).catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
