import type { ResolveHost } from './address-guard';

/** How webhooks are delivered; every field has a default ({@link webhookSettings}). */
export interface WebhookSettings {
  /** Allows http and loopback receivers (a developer's machine); never in production. */
  readonly development: boolean;
  /** One attempt (connect, send, response head) must finish within this (default 5 s). */
  readonly timeoutMs: number;
  /** A delivery is retried for this long after it was created, then dead-lettered (default 3 days). */
  readonly retryForMs: number;
  /** Dead-letter after this many attempts even within `retryForMs` (default: no limit). */
  readonly maxAttempts: number | null;
  /** The first retry's delay; doubled per attempt with jitter (default 30 s). */
  readonly initialBackoffMs: number;
  /** The longest delay between two attempts (default 6 h). */
  readonly maxBackoffMs: number;
  /** How long a claimed delivery is this process's before another may take it over (default 60 s). */
  readonly leaseMs: number;
  /** Deliveries claimed and sent at once, and events turned into deliveries per read. */
  readonly batchSize: number;
  /** After a rotation the previous secret still signs for this long (default 24 h). */
  readonly previousSecretTtlMs: number;
  /** DNS for the request-forgery guard (default: the system resolver). */
  readonly resolve?: ResolveHost;
  /** Jitter source (default Math.random); tests pin it. */
  readonly random?: () => number;
}

export const DEFAULT_WEBHOOK_SETTINGS: WebhookSettings = Object.freeze({
  development: false,
  timeoutMs: 5_000,
  retryForMs: 3 * 86_400_000,
  maxAttempts: null,
  initialBackoffMs: 30_000,
  maxBackoffMs: 6 * 3_600_000,
  leaseMs: 60_000,
  batchSize: 20,
  previousSecretTtlMs: 86_400_000,
});

export function webhookSettings(partial: Partial<WebhookSettings> = {}): WebhookSettings {
  const settings = { ...DEFAULT_WEBHOOK_SETTINGS, ...partial };
  if (settings.leaseMs <= settings.timeoutMs) {
    throw new Error(
      'webhook leaseMs must be longer than timeoutMs (a live attempt keeps its lease)',
    );
  }
  return settings;
}

/**
 * When a delivery that failed its `attempts`-th attempt is tried again: exponential
 * back-off with "equal jitter" (half the delay fixed, half random), never later than the
 * end of the retry window, whose last attempt is made at the window's end. Null: give up
 * (dead letter).
 */
export function nextAttemptAt(
  settings: WebhookSettings,
  attempts: number,
  createdAt: number,
  now: number,
): number | null {
  if (settings.maxAttempts !== null && attempts >= settings.maxAttempts) return null;
  const deadline = createdAt + settings.retryForMs;
  if (now >= deadline) return null;
  const exponential = Math.min(
    settings.maxBackoffMs,
    settings.initialBackoffMs * 2 ** Math.min(attempts - 1, 30),
  );
  const random = (settings.random ?? Math.random)();
  const delay = exponential / 2 + (exponential / 2) * random;
  return Math.min(deadline, now + Math.max(1, Math.round(delay)));
}
