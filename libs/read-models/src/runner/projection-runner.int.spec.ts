import { describePg } from '../test-support/pg-database';
import { postgresTarget, sqliteTarget } from '../test-support/read-model-targets';
import { projectionBatchesContract } from './projection-batches.contract';
import { projectionRunnerContract } from './projection-runner.contract';

describe('read models on SQLite', () => {
  projectionRunnerContract(sqliteTarget);
  projectionBatchesContract(sqliteTarget);
});
describePg('read models on PostgreSQL', () => {
  projectionRunnerContract(postgresTarget);
  projectionBatchesContract(postgresTarget);
});
