/** The CSI improvement register the app assembles (one per process). */
export const IMPROVEMENT_REGISTER = Symbol('IMPROVEMENT_REGISTER');
