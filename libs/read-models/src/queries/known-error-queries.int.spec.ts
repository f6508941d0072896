import { describePg } from '../test-support/pg-database';
import { postgresTarget, sqliteTarget } from '../test-support/read-model-targets';
import { knownErrorQueriesContract } from './known-error-queries.contract';

describe('known errors on SQLite', () => knownErrorQueriesContract(sqliteTarget));
describePg('known errors on PostgreSQL', () => knownErrorQueriesContract(postgresTarget));
