/** The reference index the app keeps current (one per process) and the service that writes records. */
export const REFERENCE_INDEX = Symbol('REFERENCE_INDEX');
export const REFERENCE_DATA_SERVICE = Symbol('REFERENCE_DATA_SERVICE');
