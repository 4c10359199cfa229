import type { AccountConfig } from '@account-ops/accounts';
import type { Clock, NotificationSender, RetryPolicy } from '@account-ops/engine';
import type { TransactionalEventStore } from '@account-ops/event-store';
import type { ApiKeyEntry } from '../auth/api-keys';
import type { Logger } from 'pino';
import type { LogOptions } from '../observability/logging';
import type { ApiMetrics } from '../observability/metrics';

/** Everything `createApiApp` needs; `loadApiConfig(process.env)` builds it for `npm start`. */
export interface ApiAppOptions {
  /** A store URL (`sqlite:…`, `postgres://…`, `esdb://…`; the app opens and closes it) or an instance (yours to close). */
  readonly store: string | TransactionalEventStore;
  /** With an `esdb://` store: the PostgreSQL URL for records and read models (`ACCOUNT_OPS_READ_STORE`). */
  readonly readStore?: string;
  /** Who may call: key → actor and roles. Only digests are kept once the app is built. */
  readonly apiKeys: readonly ApiKeyEntry[];
  /** HMAC key for card fingerprints (≥ 16 characters). */
  readonly cardFingerprintSecret: string;
  /** actorId → base32 TOTP secret, for `X-Step-Up-Code`. */
  readonly totpSecrets?: ReadonlyMap<string, string>;
  readonly clock?: Clock;
  /** Limits, thresholds, SLAs (defaults from the domain). */
  readonly accountConfig?: Partial<AccountConfig>;
  /** Durable deadlines and the outbox run in-process every `intervalMs` (default 1000); `false` to not run them. */
  readonly deadlines?: { readonly intervalMs: number } | false;
  /** JSON body limit (default 16 kB). */
  readonly bodyLimit?: string | number;
  readonly log?: LogOptions;
  /** Customer notifications; default: a structured log line each. */
  readonly notificationSender?: NotificationSender;
  readonly retry?: RetryPolicy;
  /** Serve the ops console built into `dir` at `/console` (`npm start` does; tests choose). */
  readonly console?: { readonly dir: string };
  /** Read models: `inline` (SQLite only; the default there) or `async` (the default elsewhere). */
  readonly projections?: 'inline' | 'async';
}

/** Process-wide objects the factory creates before Nest (the HTTP middleware needs them too). */
export interface ApiRuntime {
  readonly logger: Logger;
  readonly metrics: ApiMetrics;
}
