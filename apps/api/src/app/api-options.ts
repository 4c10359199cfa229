import type { ClockCheckOptions } from '../observability/database-clock';
import type { AccountConfig } from '@account-ops/accounts';
import type {
  Clock,
  KeyProvider,
  LoadedSettings,
  NotificationSender,
  RetryPolicy,
  WebhookSettings,
  StepUpLockoutPolicy,
} from '@account-ops/engine';
import type { TransactionalEventStore } from '@account-ops/event-store';
import type { ApiKeyEntry } from '../auth/api-keys';
import type { ConsoleSignInOptions } from '../sign-in/console-sign-in';
import type { OidcConfig } from '../config/oidc-settings';
import type { CheckpointOptions } from '../audit-log/checkpoint-options';
import type { RateLimitOptions } from '../limits/rate-limits';
import type { Logger } from 'pino';
import type { LogOptions } from '../observability/logging';
import type { ApiMetrics } from '../observability/metrics';

/** Everything `createApiApp` needs; `loadApiConfig(process.env)` builds it for `npm start`. */
export interface ApiAppOptions {
  /** A store URL (`sqlite:…`, `postgres://…`, `kurrentdb://…`, `esdb://…`; the app opens and closes it) or an instance (yours to close). */
  readonly store: string | TransactionalEventStore;
  /** With a `kurrentdb://` or `esdb://` store: the PostgreSQL URL for records and read models (`ACCOUNT_OPS_READ_STORE`). */
  readonly readStore?: string;
  /** Who may call: key → actor and roles. Only digests are kept once the app is built. */
  readonly apiKeys: readonly ApiKeyEntry[];
  /** HMAC key for card fingerprints (≥ 16 characters). */
  readonly cardFingerprintSecret: string;
  /**
   * HMAC key of the search index (`ACCOUNT_OPS_SEARCH_KEY`, ≥ 16 characters); default: the
   * development key (loadApiConfig refuses to go without one in production).
   */
  readonly searchKey?: string;
  /**
   * Wraps the per-account data keys (`ACCOUNT_OPS_MASTER_KEY`); default: the engine's
   * (the environment, else a development key beside a SQLite store).
   */
  readonly keyProvider?: KeyProvider;
  /**
   * Accept OIDC access tokens (JWT) of this issuer beside the API keys (ACCOUNT_OPS_OIDC_*,
   * config/oidc-settings.ts); absent: API keys only.
   */
  readonly oidc?: OidcConfig;
  /** actorId → base32 TOTP secret, for `X-Step-Up-Code`. */
  readonly totpSecrets?: ReadonlyMap<string, string>;
  /** Wrong step-up codes that lock an actor's step-up, and the window (default 10 in 15 min). */
  readonly stepUpLockout?: StepUpLockoutPolicy;
  readonly clock?: Clock;
  /**
   * The clock credentials are judged by (tokens' exp/nbf/iat/auth_time, TOTP time steps,
   * console session timeouts); default `clock`. Only a host that runs domain time simulated
   * or accelerated (the reliability drills) sets it: tokens and codes keep real time.
   */
  readonly authenticationClock?: Clock;
  /** Limits, thresholds, SLAs (defaults from the domain). */
  readonly accountConfig?: Partial<AccountConfig>;
  /**
   * The operator settings `accountConfig` was built from (ACCOUNT_OPS_CONFIG and the
   * environment), for `GET /ops/config`; without them it shows the options as the source.
   */
  readonly settings?: LoadedSettings;
  /** Durable deadlines and the outbox run in-process every `intervalMs` (default 1000); `false` to not run them. */
  readonly deadlines?: { readonly intervalMs: number } | false;
  /** JSON body limit (default 16 kB). */
  readonly bodyLimit?: string | number;
  readonly log?: LogOptions;
  /** Customer notifications; default: e-mail when `smtp` is set, else a structured log line each. */
  readonly notificationSender?: NotificationSender;
  /** Customer e-mail over SMTP (`ACCOUNT_OPS_SMTP_URL`, `ACCOUNT_OPS_SMTP_FROM`). */
  readonly smtp?: { readonly url: string; readonly from: string };
  /**
   * Webhook delivery settings (config/webhooks-config.ts); `false`: this process does not
   * deliver (endpoints can still be managed; another process delivers).
   */
  readonly webhooks?: Partial<WebhookSettings> | false;
  readonly retry?: RetryPolicy;
  /**
   * How people sign in to the console: single sign-on (the API as the provider's client,
   * session cookie) and whether pasting an API key is offered (development only). Default:
   * no single sign-on, no key form.
   */
  readonly consoleSignIn?: ConsoleSignInOptions;
  /** Serve the ops console built into `dir` at `/console` (`npm start` does; tests choose). */
  readonly console?: { readonly dir: string };
  /** Read models: `inline` (SQLite only; the default there) or `async` (the default elsewhere). */
  readonly projections?: 'inline' | 'async';
  /**
   * PostgreSQL, async read models: run their projector in a worker thread with its own
   * connections to the same store, beside the thread serving requests
   * (`ACCOUNT_OPS_PROJECTOR_THREAD=on`). Default: in this thread.
   */
  readonly projectorThread?: boolean;
  /** Requests per key's actor and per address without a valid key (default DEFAULT_RATE_LIMITS); `false`: none. */
  readonly rateLimits?: RateLimitOptions | false;
  /**
   * Load shedding: writes beyond this many commands in flight in the process get 503
   * `OVERLOADED` (default DEFAULT_MAX_QUEUED_COMMANDS); `false`: no bound.
   */
  readonly maxQueuedCommands?: number | false;
  /** Origins allowed to call the API from a browser (CORS); none by default: CORS off. */
  readonly corsOrigins?: readonly string[];
  /** Proxies in front of the API whose `X-Forwarded-For` gives the client address (default 0). */
  readonly trustProxyHops?: number;
  /**
   * The Merkle log's catch-up and signed checkpoints (default: every 60 s or 10,000 events,
   * key from the environment or a development key); `false`: no timer.
   */
  readonly checkpoints?: CheckpointOptions | false;
  /** /health's comparison of this process's clock with the database server's. */
  readonly clockCheck?: ClockCheckOptions;
}

/** Process-wide objects the factory creates before Nest (the HTTP middleware needs them too). */
export interface ApiRuntime {
  readonly logger: Logger;
  readonly metrics: ApiMetrics;
}
