import { describePg } from '../test-support/pg-database';
import { postgresTarget, sqliteTarget } from '../test-support/read-model-targets';
import { ticketQueriesContract } from './ticket-queries.contract';

describe('tickets on SQLite', () => ticketQueriesContract(sqliteTarget));
describePg('tickets on PostgreSQL', () => ticketQueriesContract(postgresTarget));
