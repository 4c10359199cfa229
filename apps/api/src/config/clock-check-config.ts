import type { ApiAppOptions } from '../app/api-options';
import { ApiConfigError } from './api-config-error';

/**
 * `ACCOUNT_OPS_MAX_CLOCK_OFFSET_MS`: how far this process's clock may be from the database
 * server's before /health reports `clock` down (default DEFAULT_MAX_CLOCK_OFFSET_MS).
 */
export function loadClockCheckConfig(env: NodeJS.ProcessEnv): Pick<ApiAppOptions, 'clockCheck'> {
  const text = env.ACCOUNT_OPS_MAX_CLOCK_OFFSET_MS?.trim();
  if (!text) return {};
  if (!/^\d{1,9}$/.test(text)) {
    throw new ApiConfigError('ACCOUNT_OPS_MAX_CLOCK_OFFSET_MS must be a non-negative integer (ms)');
  }
  return { clockCheck: { maxOffsetMs: Number(text) } };
}
