import type { WebhookSettings } from '@account-ops/engine';
import type { ApiAppOptions } from '../app/api-options';
import { ApiConfigError } from './api-config-error';

function positiveInt(env: NodeJS.ProcessEnv, name: string, max: number): number | undefined {
  const text = env[name]?.trim();
  if (!text) return undefined;
  if (!/^\d{1,9}$/.test(text) || Number(text) < 1 || Number(text) > max) {
    throw new ApiConfigError(`${name} must be an integer from 1 to ${max}`);
  }
  return Number(text);
}

/**
 * Webhook and e-mail settings (docs/operations.md, "Webhooks and e-mail"):
 * ACCOUNT_OPS_WEBHOOKS (`on`, default, or `off`: this process does not deliver),
 * ACCOUNT_OPS_WEBHOOK_TIMEOUT_MS (5000), ACCOUNT_OPS_WEBHOOK_RETRY_HOURS (72),
 * ACCOUNT_OPS_WEBHOOK_MAX_ATTEMPTS (none), and ACCOUNT_OPS_SMTP_URL with
 * ACCOUNT_OPS_SMTP_FROM. Outside `NODE_ENV=production` http and loopback receivers are
 * allowed (development).
 */
export function loadWebhooksConfig(
  env: NodeJS.ProcessEnv,
): Pick<ApiAppOptions, 'webhooks' | 'smtp'> {
  const switchText = env.ACCOUNT_OPS_WEBHOOKS?.trim().toLowerCase() || 'on';
  if (switchText !== 'on' && switchText !== 'off') {
    throw new ApiConfigError('ACCOUNT_OPS_WEBHOOKS must be on or off');
  }
  const webhooks = switchText === 'off' ? false : webhookDeliverySettings(env);
  const url = env.ACCOUNT_OPS_SMTP_URL?.trim();
  const from = env.ACCOUNT_OPS_SMTP_FROM?.trim();
  if (url && !/^smtps?:\/\//.test(url)) {
    throw new ApiConfigError('ACCOUNT_OPS_SMTP_URL must be an smtp:// or smtps:// URL');
  }
  if (url && !from) {
    throw new ApiConfigError('ACCOUNT_OPS_SMTP_FROM is required with ACCOUNT_OPS_SMTP_URL');
  }
  return { webhooks, ...(url && from ? { smtp: { url, from } } : {}) };
}

/**
 * How this process delivers, from the ACCOUNT_OPS_WEBHOOK_* variables: the API's
 * dispatcher and a separate delivery worker (`account-ops webhooks deliver --watch`)
 * read the same ones, so moving delivery out of the API changes nothing else.
 */
export function webhookDeliverySettings(env: NodeJS.ProcessEnv): Partial<WebhookSettings> {
  const timeoutMs = positiveInt(env, 'ACCOUNT_OPS_WEBHOOK_TIMEOUT_MS', 60_000);
  const retryHours = positiveInt(env, 'ACCOUNT_OPS_WEBHOOK_RETRY_HOURS', 24 * 30);
  const maxAttempts = positiveInt(env, 'ACCOUNT_OPS_WEBHOOK_MAX_ATTEMPTS', 1000);
  return {
    development: env.NODE_ENV !== 'production',
    ...(timeoutMs ? { timeoutMs, leaseMs: Math.max(60_000, timeoutMs * 4) } : {}),
    ...(retryHours ? { retryForMs: retryHours * 3_600_000 } : {}),
    ...(maxAttempts ? { maxAttempts } : {}),
  };
}
