/** The process definitions automation rules may act on (the ones the app's ticket engine runs). */
export const AUTOMATION_PROCESSES = Symbol('AUTOMATION_PROCESSES');
