export const READ_MODEL_DB = Symbol('READ_MODEL_DB');
/** Where the change calendar reads freeze windows (a `FreezeWindowSource`): change enablement's data, bound by the app. */
export const FREEZE_WINDOWS = Symbol('FREEZE_WINDOWS');
