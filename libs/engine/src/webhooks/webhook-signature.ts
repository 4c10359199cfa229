import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header that carries the signature: `t=<unix seconds>,v1=<hex>[,v1=<hex>…]`. */
export const SIGNATURE_HEADER = 'Webhook-Signature';
/** The stable id of what is delivered (the event id): receivers de-duplicate by it. */
export const WEBHOOK_ID_HEADER = 'Webhook-Id';
/** Stripe's default: a signature older (or newer) than five minutes is refused. */
export const DEFAULT_SIGNATURE_TOLERANCE_SECONDS = 300;

/** HMAC-SHA256 of `${timestamp}.${body}` under one secret (the secret's UTF-8 bytes), hex. */
export function webhookSignature(secret: string, timestamp: number, body: string | Buffer): string {
  return createHmac('sha256', secret)
    .update(`${timestamp}.`, 'utf8')
    .update(typeof body === 'string' ? Buffer.from(body, 'utf8') : body)
    .digest('hex');
}

/**
 * The `Webhook-Signature` value for a body sent at `at`: one `v1=` per secret, so that a
 * receiver still holding the previous secret keeps verifying while a secret is rotated.
 */
export function signWebhook(body: string, secrets: readonly string[], at: Date): string {
  if (secrets.length === 0) throw new Error('a webhook needs at least one signing secret');
  const t = Math.floor(at.getTime() / 1000);
  return [`t=${t}`, ...secrets.map((s) => `v1=${webhookSignature(s, t, body)}`)].join(',');
}

export interface VerifyWebhookOptions {
  /** Largest accepted distance between the signed timestamp and now (default 300 s). */
  readonly toleranceSeconds?: number;
  /** The receiver's clock (default: now). */
  readonly now?: Date;
}

export type WebhookVerification =
  | { readonly valid: true; readonly timestamp: number }
  | {
      readonly valid: false;
      readonly reason: 'malformed' | 'no-signature' | 'mismatch' | 'stale';
    };

const HEX64 = /^[0-9a-f]{64}$/;

/**
 * Checks a `Webhook-Signature` header against the raw request body (exactly the bytes
 * received, before any JSON parsing) and the secrets the receiver holds (two during a
 * rotation). Follows Stripe's rules: the header may carry several `v1` signatures and any
 * one matching any secret is enough; unknown schemes are ignored; the timestamp must be
 * within the tolerance of `now` (replays of an old, validly signed request are refused);
 * comparisons are constant-time.
 */
export function verifyWebhookSignature(
  header: string | undefined | null,
  body: string | Buffer,
  secrets: readonly string[],
  options: VerifyWebhookOptions = {},
): WebhookVerification {
  if (typeof header !== 'string' || header.length > 4096)
    return { valid: false, reason: 'malformed' };
  let timestamp: number | undefined;
  const candidates: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 1) return { valid: false, reason: 'malformed' };
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't') {
      if (timestamp !== undefined || !/^\d{1,12}$/.test(value)) {
        return { valid: false, reason: 'malformed' };
      }
      timestamp = Number(value);
    } else if (key === 'v1') {
      if (HEX64.test(value)) candidates.push(value);
    }
  }
  if (timestamp === undefined) return { valid: false, reason: 'malformed' };
  if (candidates.length === 0) return { valid: false, reason: 'no-signature' };
  let matched = false;
  for (const secret of secrets) {
    const expected = Buffer.from(webhookSignature(secret, timestamp, body), 'hex');
    for (const candidate of candidates) {
      // Every pair is compared (no early exit), each in constant time.
      if (timingSafeEqual(expected, Buffer.from(candidate, 'hex'))) matched = true;
    }
  }
  if (!matched) return { valid: false, reason: 'mismatch' };
  const tolerance = options.toleranceSeconds ?? DEFAULT_SIGNATURE_TOLERANCE_SECONDS;
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  if (Math.abs(now - timestamp) > tolerance) return { valid: false, reason: 'stale' };
  return { valid: true, timestamp };
}
