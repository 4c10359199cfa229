/** The event store the API reads history from (the same instance the engine writes to). */
export const EVENT_STORE = Symbol('EVENT_STORE');
/** The clock the API stamps exports with (the engine's clock). */
export const API_CLOCK = Symbol('API_CLOCK');
