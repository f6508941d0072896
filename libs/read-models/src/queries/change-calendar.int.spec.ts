import { describePg } from '../test-support/pg-database';
import { postgresTarget, sqliteTarget } from '../test-support/read-model-targets';
import { changeCalendarContract } from './change-calendar.contract';

describe('change calendar on SQLite', () => changeCalendarContract(sqliteTarget));
describePg('change calendar on PostgreSQL', () => changeCalendarContract(postgresTarget));
