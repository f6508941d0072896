import { ChangeScheduleIndex, changeProcess, defaultChangeData } from '@itil/change';
import { releaseProcess } from '@itil/release';

/**
 * Change enablement's published data and the index of change windows the collision policy reads.
 * They live as long as the process: the change process definition is built once, from them, for
 * the generated HTTP (TicketsHttpModule takes definitions, not providers). Change ids are UUIDs,
 * so one index serves every store a process opens.
 */
export const CHANGE_DATA = defaultChangeData();
export const CHANGE_SCHEDULE = new ChangeScheduleIndex();
export const changeProcessDefinition = changeProcess(CHANGE_DATA, CHANGE_SCHEDULE);
export const releaseProcessDefinition = releaseProcess;
