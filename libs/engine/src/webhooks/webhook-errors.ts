/** No webhook endpoint (or delivery) with that id: a 404. */
export class WebhookNotFound extends Error {
  readonly code = 'WEBHOOK_NOT_FOUND';
  constructor(what: string) {
    super(`${what} not found`);
    this.name = 'WebhookNotFound';
  }
}

/** A webhook request that cannot be carried out as given (unknown topic, bad position…): a 400. */
export class InvalidWebhookInput extends Error {
  readonly code = 'INVALID_WEBHOOK_INPUT';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidWebhookInput';
  }
}
