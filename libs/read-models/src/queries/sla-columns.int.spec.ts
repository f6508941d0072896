import { describePg } from '../test-support/pg-database';
import { postgresTarget, sqliteTarget } from '../test-support/read-model-targets';
import { slaColumnsContract } from './sla-columns.contract';

describe('SLA columns on SQLite', () => slaColumnsContract(sqliteTarget));
describePg('SLA columns on PostgreSQL', () => slaColumnsContract(postgresTarget));
