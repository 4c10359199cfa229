import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { formatPosition, parsePosition, type EventStore } from '@account-ops/event-store';
import type { Clock } from '../clock/clock';
import { SingleFlightTimer } from '../clock/single-flight-timer';
import { deliveryFor } from './webhook-payload';
import { postWebhook, type WebhookPostResult } from './webhook-post';
import type { WebhookSecrets } from './webhook-secrets';
import { nextAttemptAt, type WebhookSettings } from './webhook-settings';
import { SIGNATURE_HEADER, signWebhook, WEBHOOK_ID_HEADER } from './webhook-signature';
import type { StoredDelivery, WebhookStore } from './webhook-store';

export interface WebhookRunReport {
  /** Deliveries created from new events. */
  readonly queued: number;
  readonly delivered: number;
  readonly retrying: number;
  readonly dead: number;
}

// Bounds one run, so that a stop() or a slow receiver never holds a run for long.
const MAX_FEED_READS = 20;
const MAX_CLAIM_ROUNDS = 50;

/**
 * Delivers webhooks, off the command path: it follows the event log (each endpoint has
 * its own cursor), records a delivery per subscribed event, then sends due deliveries.
 * At least once: a delivery is marked delivered only after the receiver answered 2xx, and
 * one whose process died mid-delivery is taken over when its lease runs out. In order
 * per account: an account's next delivery to an endpoint waits until the previous one
 * was delivered or dead-lettered. Several processes share the work through the store.
 */
export class WebhookDispatcher {
  /** This process's name on the leases it takes. */
  readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly worker = new SingleFlightTimer(() => this.runOnce());

  constructor(
    private readonly store: WebhookStore,
    private readonly events: EventStore,
    private readonly secrets: WebhookSecrets,
    private readonly clock: Clock,
    private readonly settings: WebhookSettings,
  ) {}

  /** Queues deliveries for new events, then sends what is due; one run at a time. */
  runDue(): Promise<WebhookRunReport> {
    return this.worker.run();
  }

  start(intervalMs = 1000): void {
    this.worker.start(intervalMs);
  }

  stop(): Promise<void> {
    return this.worker.stop();
  }

  private async runOnce(): Promise<WebhookRunReport> {
    const queued = await this.feed();
    const report = { queued, delivered: 0, retrying: 0, dead: 0 };
    for (let round = 0; round < MAX_CLAIM_ROUNDS; round++) {
      const now = this.clock.now().getTime();
      const claimed = await this.store.claim(
        this.owner,
        now,
        now + this.settings.leaseMs,
        this.settings.batchSize,
      );
      if (claimed.length === 0) break;
      // Each claimed delivery is another (endpoint, account): they may go out together.
      const outcomes = await Promise.all(claimed.map((d) => this.attempt(d)));
      for (const outcome of outcomes) report[outcome]++;
    }
    return report;
  }

  /** Turns events after each enabled endpoint's cursor into deliveries. */
  private async feed(): Promise<number> {
    let queued = 0;
    for (const endpoint of await this.store.listEndpoints()) {
      if (!endpoint.enabled) continue;
      let current = endpoint;
      for (let read = 0; read < MAX_FEED_READS; read++) {
        const fromPosition = parsePosition(current.cursor);
        if (!fromPosition) break;
        const events = await this.events.readAll({
          fromPosition,
          maxCount: this.settings.batchSize * 5,
        });
        const last = events.at(-1);
        if (!last) break;
        const deliveries = events.flatMap((e) => deliveryFor(e, current.topics) ?? []);
        const to = formatPosition(last.globalPosition);
        const now = this.clock.now().getTime();
        // Lost to another process (or a replay): it queued these; look again next run.
        if (!(await this.store.feed(current, to, deliveries, now))) break;
        queued += deliveries.length;
        current = { ...current, cursor: to };
      }
    }
    return queued;
  }

  private async attempt(delivery: StoredDelivery): Promise<'delivered' | 'retrying' | 'dead'> {
    const endpoint = await this.store.getEndpoint(delivery.endpointId);
    let result: WebhookPostResult;
    if (!endpoint) {
      result = { ok: false, status: null, error: 'endpoint deleted' };
    } else {
      const secrets = await this.secrets.signing(endpoint, this.clock.now().getTime());
      result = await postWebhook(
        {
          url: endpoint.url,
          body: delivery.payload,
          headers: {
            [WEBHOOK_ID_HEADER]: delivery.eventId,
            [SIGNATURE_HEADER]: signWebhook(delivery.payload, secrets, this.clock.now()),
          },
          timeoutMs: this.settings.timeoutMs,
        },
        {
          development: this.settings.development,
          ...(this.settings.resolve ? { resolve: this.settings.resolve } : {}),
        },
      );
    }
    const now = this.clock.now().getTime();
    if (result.ok) {
      await this.store.delivered(delivery, this.owner, result.status, now);
      return 'delivered';
    }
    const next = nextAttemptAt(this.settings, delivery.attempts + 1, delivery.createdAt, now);
    await this.store.failed(delivery, this.owner, result, next);
    return next === null ? 'dead' : 'retrying';
  }
}
