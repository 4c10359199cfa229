import { DEFAULT_RATE_LIMITS, parseRateLimit, type RateLimitOptions } from '../limits/rate-limits';
import type { ApiAppOptions } from '../app/api-options';
import { ApiConfigError } from './api-config-error';

function rateLimit(env: NodeJS.ProcessEnv, name: string) {
  try {
    return parseRateLimit(env[name]);
  } catch (error) {
    throw new ApiConfigError(`${name} ${(error as Error).message}`);
  }
}

function rateLimits(env: NodeJS.ProcessEnv): RateLimitOptions {
  const perKey = rateLimit(env, 'ACCOUNT_OPS_RATE_LIMIT');
  const perAddress = rateLimit(env, 'ACCOUNT_OPS_RATE_LIMIT_ANONYMOUS');
  return {
    perKey: perKey ?? DEFAULT_RATE_LIMITS.perKey,
    perAddress: perAddress ?? DEFAULT_RATE_LIMITS.perAddress,
  };
}

function maxQueuedCommands(text: string | undefined): number | false | undefined {
  const value = text?.trim().toLowerCase();
  if (!value) return undefined;
  if (value === 'off') return false;
  if (!/^\d{1,7}$/.test(value) || Number(value) < 1) {
    throw new ApiConfigError('ACCOUNT_OPS_MAX_QUEUED_COMMANDS must be a positive integer or off');
  }
  return Number(value);
}

// An origin is scheme, host and optional port: no path, no wildcard (an allowlist only).
const ORIGIN = /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/;

function corsOrigins(text: string | undefined): string[] {
  const origins = (text ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin !== '');
  const bad = origins.findIndex((origin) => !ORIGIN.test(origin));
  if (bad >= 0) {
    throw new ApiConfigError(
      `ACCOUNT_OPS_CORS_ORIGINS entry ${bad + 1} must be an origin such as https://ops.example.com (no path, no *)`,
    );
  }
  return origins;
}

function trustProxyHops(text: string | undefined): number | undefined {
  const value = text?.trim();
  if (!value) return undefined;
  if (!/^\d{1,2}$/.test(value)) {
    throw new ApiConfigError(
      'ACCOUNT_OPS_TRUST_PROXY must be the number of proxies in front (0–99)',
    );
  }
  return Number(value) || undefined;
}

/**
 * ACCOUNT_OPS_RATE_LIMIT, ACCOUNT_OPS_RATE_LIMIT_ANONYMOUS, ACCOUNT_OPS_MAX_QUEUED_COMMANDS,
 * ACCOUNT_OPS_CORS_ORIGINS and ACCOUNT_OPS_TRUST_PROXY: what protects the API under load
 * and from browsers (docs/operations.md).
 */
export function loadLimitsConfig(
  env: NodeJS.ProcessEnv,
): Pick<ApiAppOptions, 'rateLimits' | 'maxQueuedCommands' | 'corsOrigins' | 'trustProxyHops'> {
  const queued = maxQueuedCommands(env.ACCOUNT_OPS_MAX_QUEUED_COMMANDS);
  const hops = trustProxyHops(env.ACCOUNT_OPS_TRUST_PROXY);
  const origins = corsOrigins(env.ACCOUNT_OPS_CORS_ORIGINS);
  return {
    rateLimits: rateLimits(env),
    ...(queued !== undefined ? { maxQueuedCommands: queued } : {}),
    ...(origins.length > 0 ? { corsOrigins: origins } : {}),
    ...(hops !== undefined ? { trustProxyHops: hops } : {}),
  };
}
