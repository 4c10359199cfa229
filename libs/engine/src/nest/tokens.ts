/** Inject the engine (`AccountOps`) with `@Inject(ACCOUNT_OPS)`. */
export const ACCOUNT_OPS = Symbol('ACCOUNT_OPS');
export const ACCOUNT_OPS_MODULE_OPTIONS = Symbol('ACCOUNT_OPS_MODULE_OPTIONS');
/** Inject the store the engine writes to (`TransactionalEventStore`) with `@Inject(ACCOUNT_OPS_STORE)`. */
export const ACCOUNT_OPS_STORE = Symbol('ACCOUNT_OPS_STORE');
/**
 * Inject the read models (`ReadModels` from `@account-ops/projections`) with
 * `@Inject(ACCOUNT_OPS_READ_MODELS)`; registered when the module is given `readModels`.
 */
export const ACCOUNT_OPS_READ_MODELS = Symbol('ACCOUNT_OPS_READ_MODELS');
