/** Inject the engine (`AccountOps`) with `@Inject(ACCOUNT_OPS)`. */
export const ACCOUNT_OPS = Symbol('ACCOUNT_OPS');
export const ACCOUNT_OPS_MODULE_OPTIONS = Symbol('ACCOUNT_OPS_MODULE_OPTIONS');
