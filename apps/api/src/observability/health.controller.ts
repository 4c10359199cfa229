import { Controller, Inject, ServiceUnavailableException } from '@nestjs/common';
import {
  HealthCheckService,
  HealthIndicatorService,
  type HealthCheckResult,
  type HealthIndicatorResult,
} from '@nestjs/terminus';
import { ACCOUNT_OPS, type AccountOps } from '@account-ops/engine';
import { formatPosition, type EventStore } from '@account-ops/event-store';
import { CLOCK_CHECK, EVENT_STORE } from '../app/tokens';
import { ApiError } from '../http/problem';
import { Endpoint } from '../routes/endpoint.decorator';
import {
  databaseClockOf,
  DEFAULT_MAX_CLOCK_OFFSET_MS,
  measureClockOffset,
  type ClockCheckOptions,
} from './database-clock';

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
 * head-position query in time, writes are not being shed, and this process's clock is
 * within the allowed offset of the database server's: events are stamped with ours). 200 when all are up, else
 * a 503 problem with the details. Never rate limited, never shed.
 */
@Controller()
export class HealthController {
  constructor(
    @Inject(HealthCheckService) private readonly health: HealthCheckService,
    @Inject(HealthIndicatorService) private readonly indicators: HealthIndicatorService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ACCOUNT_OPS) private readonly ops: AccountOps,
    @Inject(CLOCK_CHECK) private readonly clockCheck: ClockCheckOptions,
  ) {}

  @Endpoint('health')
  async check(): Promise<HealthCheckResult> {
    try {
      return await this.health.check([
        () => this.indicators.check('process').up({ uptimeSeconds: Math.floor(process.uptime()) }),
        () => this.storeReadiness(),
        () => this.commandsReadiness(),
        () => this.clockReadiness(),
      ]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      throw new ApiError(503, 'NOT_READY', 'A dependency is not available.', {
        details: error.getResponse() as Record<string, unknown>,
      });
    }
  }

  /** Down while writes are shed: a load balancer should send new work elsewhere; reads still work. */
  private commandsReadiness(): HealthIndicatorResult {
    const { inFlight, limit, shedding } = this.ops.commandLoad();
    const session = this.indicators.check('commands');
    const facts = { inFlight, limit, shedding };
    return shedding
      ? session.down({ ...facts, message: 'writes are being shed: too many commands in flight' })
      : session.up(facts);
  }

  /**
   * Down when this process's clock is off the database server's by more than the allowed
   * offset: the events' `occurredAt` come from ours, deadlines compare against it, and a
   * second instance with another clock would date its events differently. An embedded
   * store shares this host's clock: nothing to compare.
   */
  private async clockReadiness(): Promise<HealthIndicatorResult> {
    const session = this.indicators.check('clock');
    const maxOffsetMs = this.clockCheck.maxOffsetMs ?? DEFAULT_MAX_CLOCK_OFFSET_MS;
    const database = databaseClockOf(this.store);
    if (!database) return session.up({ database: 'embedded', offsetMs: 0, maxOffsetMs });
    try {
      const measured = await within(
        measureClockOffset(database, this.clockCheck.processClock ?? Date.now),
        STORE_TIMEOUT_MS,
      );
      const facts = { ...measured, maxOffsetMs };
      return Math.abs(measured.offsetMs) > maxOffsetMs
        ? session.down({ ...facts, message: 'this clock is off the database server’s' })
        : session.up(facts);
    } catch {
      return session.down({ maxOffsetMs, message: 'the database clock could not be read' });
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
