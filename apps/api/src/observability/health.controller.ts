import { Controller, Inject, ServiceUnavailableException } from '@nestjs/common';
import {
  HealthCheckService,
  HealthIndicatorService,
  type HealthCheckResult,
  type HealthIndicatorResult,
} from '@nestjs/terminus';
import { formatPosition, type EventStore } from '@account-ops/event-store';
import { EVENT_STORE } from '../app/tokens';
import { ApiError } from '../http/problem';
import { Endpoint } from '../routes/endpoint.decorator';

const STORE_TIMEOUT_MS = 2000;

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * `GET /health`: liveness (the process answers) and readiness (the event store answers a
 * head-position query in time). 200 when both are up, else a 503 problem with the details.
 */
@Controller()
export class HealthController {
  constructor(
    @Inject(HealthCheckService) private readonly health: HealthCheckService,
    @Inject(HealthIndicatorService) private readonly indicators: HealthIndicatorService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Endpoint('health')
  async check(): Promise<HealthCheckResult> {
    try {
      return await this.health.check([
        () => this.indicators.check('process').up({ uptimeSeconds: Math.floor(process.uptime()) }),
        () => this.storeReadiness(),
      ]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      throw new ApiError(503, 'NOT_READY', 'A dependency is not available.', {
        details: error.getResponse() as Record<string, unknown>,
      });
    }
  }

  private async storeReadiness(): Promise<HealthIndicatorResult> {
    const session = this.indicators.check('store');
    try {
      const head = await within(this.store.headPosition(), STORE_TIMEOUT_MS);
      return session.up({ headPosition: formatPosition(head) });
    } catch {
      // The error itself may name hosts or files; the log of the failing call has it.
      return session.down({ message: 'the event store did not answer' });
    }
  }
}
