/** The event store the API reads history from (the same instance the engine writes to). */
export const EVENT_STORE = Symbol('EVENT_STORE');
/** The clock the API stamps exports with (the engine's clock). */
export const API_CLOCK = Symbol('API_CLOCK');
/**
 * The clock credentials are judged by (token exp/nbf/iat/auth_time, TOTP time steps, console
 * session timeouts): API_CLOCK unless ApiAppOptions.authenticationClock says otherwise.
 */
export const API_AUTHENTICATION_CLOCK = Symbol('API_AUTHENTICATION_CLOCK');
/** The resolved AccountConfig (the same `accountConfig(overrides)` the engine runs with). */
export const API_ACCOUNT_CONFIG = Symbol('API_ACCOUNT_CONFIG');
/** The loaded operator settings (LoadedSettings), or null when the app was built from options only. */
export const API_SETTINGS = Symbol('API_SETTINGS');
/** The step-up lockout over the store (status and lifting; the engine counts failures). */
export const STEP_UP_LOCKOUT = Symbol('STEP_UP_LOCKOUT');
/** Actor ids with a configured TOTP secret (never the secrets). */
export const SECOND_FACTOR_ACTORS = Symbol('SECOND_FACTOR_ACTORS');
/** How far this process's clock may drift from the database server's (ClockCheckOptions). */
export const CLOCK_CHECK = Symbol('CLOCK_CHECK');
