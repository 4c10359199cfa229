import { InvalidWebhookInput, WebhookNotFound, WebhookUrlRefused } from '@account-ops/engine';
import { ApiError } from '../http/problem';

/** The webhook service's refusals as problems; anything else is passed on. */
export async function asProblems<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof WebhookNotFound)
      throw new ApiError(404, 'WEBHOOK_NOT_FOUND', error.message);
    if (error instanceof InvalidWebhookInput)
      throw new ApiError(400, 'INVALID_WEBHOOK_INPUT', error.message);
    if (error instanceof WebhookUrlRefused)
      throw new ApiError(
        422,
        'WEBHOOK_URL_REFUSED',
        `The URL cannot receive webhooks: ${error.message}`,
      );
    throw error;
  }
}
