import { describePg } from '../test-support/pg-database';
import { postgresTarget, sqliteTarget } from '../test-support/read-model-targets';
import { csiQueriesContract } from './csi-queries.contract';

describe('CSI on SQLite', () => csiQueriesContract(sqliteTarget));
describePg('CSI on PostgreSQL', () => csiQueriesContract(postgresTarget));
