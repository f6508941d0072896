import { ChangeDataCatalog, ChangeScheduleIndex, changeProcess } from '@itil/change';
import { releaseProcess } from '@itil/release';

/**
 * Change enablement's published data (a read model of the `changedata-*` facts, rebuilt from the
 * log and followed by ChangeDataHttpModule, which seeds the defaults into an empty store; an app
 * that starts rebuilds it from its own store, so of two apps in one process on different files,
 * as some tests run, the later one's data wins) and the index of change windows the collision policy reads.
 * They live as long as the process: the change process definition is built once, from them, for
 * the generated HTTP (TicketsHttpModule takes definitions, not providers). Change ids are UUIDs,
 * so one index serves every store a process opens.
 */
export const CHANGE_DATA = new ChangeDataCatalog();
export const CHANGE_SCHEDULE = new ChangeScheduleIndex();
export const changeProcessDefinition = changeProcess(CHANGE_DATA, CHANGE_SCHEDULE);
export const releaseProcessDefinition = releaseProcess;
