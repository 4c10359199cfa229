import type { ThrottlerStorage } from '@nestjs/throttler';
import type { Clock } from '@account-ops/engine';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

interface Window {
  hits: number;
  endsAt: number;
  blockedUntil: number;
}

// Entries of windows that ended are swept out every so often, so addresses that came
// once (a scan, a key-guessing run from many addresses) do not stay in memory.
const SWEEP_EVERY = 1000;

const seconds = (ms: number): number => Math.max(1, Math.ceil(ms / 1000));

/**
 * @nestjs/throttler's storage, in this process's memory, on the API's clock (its own
 * storage reads Date.now and sets timers, which tests could only beat by sleeping).
 * Fixed windows per key: the first request opens a window of `ttl`; the request past
 * `limit` blocks the key for `blockDuration` from then, or — with `blockDuration` 0 —
 * until the window ends. Blocked requests are not counted.
 */
export class ClockedThrottlerStorage implements ThrottlerStorage {
  private readonly windows = new Map<string, Window>();
  private calls = 0;

  constructor(private readonly clock: Clock) {}

  /** Keys tracked now (for tests). */
  get size(): number {
    return this.windows.size;
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    // Keys are made per throttler already (RateLimitGuard.generateKey).
    _throttlerName?: string,
  ): Promise<ThrottlerStorageRecord> {
    const now = this.clock.now().getTime();
    if (++this.calls % SWEEP_EVERY === 0) this.sweep(now);
    let window = this.windows.get(key);
    if (!window || (window.endsAt <= now && window.blockedUntil <= now)) {
      window = { hits: 0, endsAt: now + ttl, blockedUntil: 0 };
      this.windows.set(key, window);
    }
    if (window.blockedUntil <= now) {
      window.hits++;
      if (window.hits > limit) {
        window.blockedUntil = blockDuration > 0 ? now + blockDuration : window.endsAt;
      }
    }
    const blocked = window.blockedUntil > now;
    return {
      totalHits: window.hits,
      timeToExpire: seconds(window.endsAt - now),
      isBlocked: blocked,
      timeToBlockExpire: blocked ? seconds(window.blockedUntil - now) : 0,
    };
  }

  private sweep(now: number): void {
    for (const [key, window] of this.windows) {
      if (window.endsAt <= now && window.blockedUntil <= now) this.windows.delete(key);
    }
  }
}
