import { randomUUID } from 'node:crypto';
import { EVENT_TYPES } from '@account-ops/accounts';
import { formatPosition, parsePosition, type EventStore } from '@account-ops/event-store';
import type { Clock } from '../clock/clock';
import { NOTIFICATION_KINDS } from '../notifications/notification';
import { checkWebhookUrl } from './address-guard';
import { InvalidWebhookInput, WebhookNotFound } from './webhook-errors';
import { ALL_TOPICS } from './webhook-payload';
import type { WebhookSecrets } from './webhook-secrets';
import type { WebhookSettings } from './webhook-settings';
import type { DeliveryStatus, StoredDelivery, StoredEndpoint, WebhookStore } from './webhook-store';

/** An endpoint as admins see it: never its secrets. */
export interface WebhookEndpointView {
  readonly id: string;
  readonly url: string;
  readonly topics: readonly string[];
  readonly enabled: boolean;
  /** Events up to this global position have been queued for it. */
  readonly position: string;
  /** A previous secret still signs too (until this instant), after a rotation. */
  readonly previousSecretExpiresAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A delivery as admins see it: status and last error, never the response body. */
export interface WebhookDeliveryView {
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

export interface RegisterWebhook {
  readonly url: string;
  readonly topics: readonly string[];
  readonly enabled?: boolean;
}

export interface ChangeWebhook {
  readonly url?: string;
  readonly topics?: readonly string[];
  readonly enabled?: boolean;
  /** A new secret (returned once); the previous one keeps signing for a while. */
  readonly rotateSecret?: boolean;
}

/** The topics an endpoint may subscribe to: every event type and notification kind, or `*`. */
export const WEBHOOK_TOPICS: readonly string[] = [
  ALL_TOPICS,
  ...EVENT_TYPES,
  ...NOTIFICATION_KINDS,
];

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

function endpointView(e: StoredEndpoint): WebhookEndpointView {
  const previous = e.secrets.find((s) => s.expiresAt !== null);
  return {
    id: e.id,
    url: e.url,
    topics: e.topics,
    enabled: e.enabled,
    position: e.cursor,
    previousSecretExpiresAt: iso(previous?.expiresAt ?? null),
    createdAt: iso(e.createdAt)!,
    updatedAt: iso(e.updatedAt)!,
  };
}

function deliveryView(d: StoredDelivery): WebhookDeliveryView {
  return {
    id: d.seq,
    eventId: d.eventId,
    accountId: d.accountId,
    position: d.position,
    topic: d.topic,
    status: d.status,
    attempts: d.attempts,
    nextAttemptAt: d.status === 'pending' ? iso(d.nextAttemptAt) : null,
    lastStatus: d.lastStatus,
    lastError: d.lastError,
    createdAt: iso(d.createdAt)!,
    deliveredAt: iso(d.deliveredAt),
  };
}

function checkTopics(topics: readonly string[]): string[] {
  if (!Array.isArray(topics) || topics.length === 0) {
    throw new InvalidWebhookInput(
      'topics must name at least one event type or notification kind (or *)',
    );
  }
  const unknown = topics.filter((t) => !WEBHOOK_TOPICS.includes(t));
  if (unknown.length > 0) {
    throw new InvalidWebhookInput(`unknown topics: ${unknown.slice(0, 5).join(', ')}`);
  }
  return [...new Set(topics)];
}

/** Registering, changing and inspecting webhook endpoints (the admin's side). */
export class WebhookEndpoints {
  constructor(
    private readonly store: WebhookStore,
    private readonly events: EventStore,
    private readonly secrets: WebhookSecrets,
    private readonly clock: Clock,
    private readonly settings: WebhookSettings,
  ) {}

  private guard() {
    return {
      development: this.settings.development,
      ...(this.settings.resolve ? { resolve: this.settings.resolve } : {}),
    };
  }

  /**
   * Registers an endpoint that receives events committed from now on; the secret is in
   * the answer and nowhere else. @throws WebhookUrlRefused, InvalidWebhookInput
   */
  async register(
    input: RegisterWebhook,
  ): Promise<{ endpoint: WebhookEndpointView; secret: string }> {
    const topics = checkTopics(input.topics);
    const url = (await checkWebhookUrl(input.url, this.guard())).toString();
    const id = `wh_${randomUUID().replaceAll('-', '')}`;
    const now = this.clock.now().getTime();
    const { text, stored } = await this.secrets.create(id, now);
    const endpoint: StoredEndpoint = {
      id,
      url,
      topics,
      enabled: input.enabled ?? true,
      secrets: [stored],
      cursor: formatPosition(await this.events.headPosition()),
      round: 0,
      createdAt: now,
      updatedAt: now,
    };
    await this.store.insertEndpoint(endpoint);
    return { endpoint: endpointView(endpoint), secret: text };
  }

  async list(): Promise<WebhookEndpointView[]> {
    return (await this.store.listEndpoints()).map(endpointView);
  }

  async get(id: string): Promise<WebhookEndpointView> {
    return endpointView(await this.found(id));
  }

  /** Enables, disables, re-targets or rotates the secret of an endpoint. */
  async change(
    id: string,
    change: ChangeWebhook,
  ): Promise<{ endpoint: WebhookEndpointView; secret?: string }> {
    const endpoint = await this.found(id);
    const topics = change.topics !== undefined ? checkTopics(change.topics) : endpoint.topics;
    const url =
      change.url !== undefined
        ? (await checkWebhookUrl(change.url, this.guard())).toString()
        : endpoint.url;
    const now = this.clock.now().getTime();
    let secrets = endpoint.secrets.filter((s) => s.expiresAt === null || s.expiresAt > now);
    let secret: string | undefined;
    if (change.rotateSecret) {
      const fresh = await this.secrets.create(id, now);
      secret = fresh.text;
      const current = secrets.find((s) => s.expiresAt === null);
      secrets = [
        fresh.stored,
        ...(current ? [{ ...current, expiresAt: now + this.settings.previousSecretTtlMs }] : []),
      ];
    }
    const next = { url, topics, enabled: change.enabled ?? endpoint.enabled, secrets };
    if (!(await this.store.updateEndpoint(id, next, now)))
      throw new WebhookNotFound(`webhook ${id}`);
    const view = endpointView({ ...endpoint, ...next, updatedAt: now });
    return secret ? { endpoint: view, secret } : { endpoint: view };
  }

  async remove(id: string): Promise<void> {
    if (!(await this.store.deleteEndpoint(id))) throw new WebhookNotFound(`webhook ${id}`);
  }

  /** Deliveries of an endpoint, newest first; `before` pages on (a delivery id). */
  async deliveries(
    id: string,
    options: { status?: DeliveryStatus; before?: number; limit?: number } = {},
  ): Promise<WebhookDeliveryView[]> {
    await this.found(id);
    const limit = Math.min(Math.max(options.limit ?? 50, 1), 500);
    const rows = await this.store.listDeliveries(id, { ...options, limit });
    return rows.map(deliveryView);
  }

  /** Sends dead letters again: one (`deliveryId`) or all of the endpoint's. Returns how many. */
  async resend(id: string, deliveryId?: number): Promise<number> {
    await this.found(id);
    if (deliveryId !== undefined) {
      const delivery = await this.store.getDelivery(id, deliveryId);
      if (!delivery) throw new WebhookNotFound(`delivery ${deliveryId}`);
      if (delivery.status !== 'dead') {
        throw new InvalidWebhookInput(`delivery ${deliveryId} is ${delivery.status}, not dead`);
      }
    }
    return this.store.resend(id, this.clock.now().getTime(), deliveryId);
  }

  /**
   * Delivers every event after a global position again, as a new consumer catching up
   * would receive them (the same `Webhook-Id`s). @throws InvalidWebhookInput
   */
  async replay(id: string, from: string): Promise<WebhookEndpointView> {
    const position = parsePosition(from);
    if (!position) throw new InvalidWebhookInput('position must be a global position such as 42');
    await this.found(id);
    await this.store.replay(id, formatPosition(position), this.clock.now().getTime());
    return this.get(id);
  }

  private async found(id: string): Promise<StoredEndpoint> {
    const endpoint = await this.store.getEndpoint(id);
    if (!endpoint) throw new WebhookNotFound(`webhook ${id}`);
    return endpoint;
  }
}
