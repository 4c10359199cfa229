import { type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  normalizeIp,
  ThrottlerGuard,
  type ThrottlerLimitDetail,
  type ThrottlerModuleOptions,
  type ThrottlerRequest,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import { CALLER_IDENTIFIER } from '../auth/api-key.guard';
import type { CallerIdentifier } from '../auth/caller';
import type { ApiRequest } from '../auth/request-context';
import { ApiError } from '../http/problem';
import { routeOf } from '../routes/route-of';

/** The two throttlers: one counts per key's actor, the other per address without a valid key. */
export const PER_KEY = 'key';
export const PER_ADDRESS = 'address';

/**
 * @nestjs/throttler's guard, counting per caller rather than per route: a request with a
 * valid key or access token counts against its actor (never the key itself: it is not kept, logged or
 * hashed into a counter name), one without counts against its client address — so a
 * key-guessing flood is answered 429 before the key guard spends anything on it. Runs
 * before the API key guard. `/health` and `/metrics` (public routes) are not limited.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    @Inject(Reflector) reflector: Reflector,
    @Inject(CALLER_IDENTIFIER) private readonly callers: CallerIdentifier,
  ) {
    super(options, storage, reflector);
  }

  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return routeOf(this.reflector, context).roles === 'public';
  }

  protected override async handleRequest(request: ThrottlerRequest): Promise<boolean> {
    const authenticated = (await this.callerOf(request.context)).actor !== undefined;
    // Each request meets exactly one of the two throttlers.
    if ((request.throttler.name === PER_KEY) !== authenticated) return true;
    return super.handleRequest(request);
  }

  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const request = req as unknown as ApiRequest;
    const actor = (await this.callers.identify(request)).actor;
    if (actor) {
      // Authenticated already: the request log names who was limited.
      request.actor = actor;
      return `actor:${actor.id}`;
    }
    return `address:${normalizeIp(request.ip ?? request.socket.remoteAddress ?? '', this.ipv6SubnetPrefix)}`;
  }

  /** Across routes: the limit is the caller's, not each endpoint's. */
  protected override generateKey(
    _context: ExecutionContext,
    tracker: string,
    name: string,
  ): string {
    return `${name}|${tracker}`;
  }

  /** `X-RateLimit-Limit`, `-Remaining`, `-Reset` and `Retry-After`, without the throttler's name. */
  protected override setResponseHeader(
    res: Record<string, unknown>,
    name: string,
    value: string | number,
  ): void {
    super.setResponseHeader(res, name.replace(/-(key|address)$/, ''), value);
  }

  protected override async throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const perKey = (await this.callerOf(context)).actor !== undefined;
    throw new ApiError(
      429,
      'RATE_LIMITED',
      perKey
        ? 'Too many requests for this API key; retry after the Retry-After delay.'
        : 'Too many requests without a valid API key from this address; retry after the Retry-After delay.',
      {
        details: {
          scope: perKey ? 'key' : 'address',
          limit: detail.limit,
          windowSeconds: Math.ceil(detail.ttl / 1000),
          retryAfterSeconds: detail.timeToBlockExpire,
        },
      },
      { 'Retry-After': String(detail.timeToBlockExpire) },
    );
  }

  private callerOf(context: ExecutionContext) {
    return this.callers.identify(context.switchToHttp().getRequest<ApiRequest>());
  }
}
