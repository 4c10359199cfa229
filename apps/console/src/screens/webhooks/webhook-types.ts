/** A webhook endpoint as `GET /webhooks` lists it (the secret is never listed). */
export interface WebhookEndpoint {
  readonly id: string;
  readonly url: string;
  readonly topics: readonly string[];
  readonly enabled: boolean;
  /** Events up to this global position have been queued for it. */
  readonly position: string;
  readonly previousSecretExpiresAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** Registering or rotating answers the secret, once. */
export interface EndpointWithSecret {
  readonly endpoint: WebhookEndpoint;
  readonly secret?: string;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'dead';

export interface WebhookDelivery {
  readonly id: number;
  readonly eventId: string;
  readonly accountId: string;
  readonly position: string;
  readonly topic: string;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  readonly nextAttemptAt: string | null;
  readonly lastStatus: number | null;
  readonly lastError: string | null;
  readonly createdAt: string;
  readonly deliveredAt: string | null;
}

/** "a, b c" → ["a", "b", "c"]: topics as an admin types them. */
export const parseTopics = (text: string): string[] =>
  text
    .split(/[\s,]+/)
    .map((t) => t.trim())
    .filter((t) => t !== '');

export const webhookPath = (id: string) => `/webhooks/${encodeURIComponent(id)}`;
