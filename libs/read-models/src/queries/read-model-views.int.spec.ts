import { describePg } from '../test-support/pg-database';
import { postgresTarget, sqliteTarget } from '../test-support/read-model-targets';
import { readModelViewsContract } from './read-model-views.contract';

describe('views on SQLite', () => readModelViewsContract(sqliteTarget));
describePg('views on PostgreSQL', () => readModelViewsContract(postgresTarget));
