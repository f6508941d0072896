export const READ_MODEL_DB = Symbol('READ_MODEL_DB');
