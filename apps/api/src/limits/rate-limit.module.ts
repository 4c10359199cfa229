import type { DynamicModule } from '@nestjs/common';
import { ThrottlerModule, type ThrottlerOptions } from '@nestjs/throttler';
import type { Clock } from '@account-ops/engine';
import { ClockedThrottlerStorage } from './clocked-throttler-storage';
import { PER_ADDRESS, PER_KEY } from './rate-limit.guard';
import type { RateLimitOptions } from './rate-limits';

function throttlers(options: RateLimitOptions): ThrottlerOptions[] {
  const list: ThrottlerOptions[] = [];
  // A key over its limit waits for its window to end; an address guessing keys is blocked
  // for a whole window from its last allowed guess.
  if (options.perKey) {
    const { limit, windowMs } = options.perKey;
    list.push({ name: PER_KEY, limit, ttl: windowMs, blockDuration: 0 });
  }
  if (options.perAddress) {
    const { limit, windowMs } = options.perAddress;
    list.push({ name: PER_ADDRESS, limit, ttl: windowMs, blockDuration: windowMs });
  }
  return list;
}

/**
 * @nestjs/throttler configured from the API's options (a global module: RateLimitGuard
 * injects its options and storage), or undefined when nothing is limited.
 */
export function rateLimitModule(
  options: RateLimitOptions | false,
  clock: Clock,
): DynamicModule | undefined {
  if (options === false) return undefined;
  const list = throttlers(options);
  if (list.length === 0) return undefined;
  return ThrottlerModule.forRoot({
    throttlers: list,
    storage: options.storage ?? new ClockedThrottlerStorage(clock),
  });
}
