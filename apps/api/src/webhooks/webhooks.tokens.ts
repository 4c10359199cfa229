/** The webhook service (`Webhooks` from the engine). */
export const WEBHOOKS = Symbol('WEBHOOKS');
