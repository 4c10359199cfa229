import type { TransactionalEventStore } from '@account-ops/event-store';
import { systemClock, type Clock } from '../clock/clock';
import type { KeyProvider } from '../privacy/key-provider';
import { WebhookDispatcher } from './webhook-dispatcher';
import { WebhookEndpoints } from './webhook-endpoints';
import { migrateWebhookTables } from './webhook-schema';
import { WebhookSecrets } from './webhook-secrets';
import { webhookSettings, type WebhookSettings } from './webhook-settings';
import { webhookSqlFor } from './webhook-sql';
import { WebhookStore } from './webhook-store';

export interface WebhooksOptions {
  /** The event store: webhook tables live beside its events (or its records). */
  readonly store: TransactionalEventStore;
  /** Wraps the signing secrets (the engine's key provider). */
  readonly keyProvider: KeyProvider;
  readonly clock?: Clock;
  readonly settings?: Partial<WebhookSettings>;
}

/** Signed webhooks: the admin's endpoints and the dispatcher that delivers to them. */
export interface Webhooks {
  readonly endpoints: WebhookEndpoints;
  readonly dispatcher: WebhookDispatcher;
  readonly settings: WebhookSettings;
}

/** Creates (or upgrades) the webhook tables and returns the endpoints and the dispatcher. */
export async function createWebhooks(options: WebhooksOptions): Promise<Webhooks> {
  const settings = webhookSettings(options.settings);
  const sql = webhookSqlFor(options.store);
  await migrateWebhookTables(sql);
  const store = new WebhookStore(sql);
  const secrets = new WebhookSecrets(options.keyProvider);
  const clock = options.clock ?? systemClock;
  return {
    settings,
    endpoints: new WebhookEndpoints(store, options.store, secrets, clock, settings),
    dispatcher: new WebhookDispatcher(store, options.store, secrets, clock, settings),
  };
}
