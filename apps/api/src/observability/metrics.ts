import type { CommandLoad } from '@account-ops/engine';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The API's Prometheus metrics, in a registry of its own (not prom-client's global one),
 * so several apps in one process — tests do that — never share or clash.
 */
export class ApiMetrics {
  readonly registry = new Registry();

  /** By route template (never the raw path: ids would explode the label set). */
  readonly httpRequests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests by method, route template and status code.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by method, route template and status code.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  /** outcome: `ok`, `replayed`, or the refusal's stable code (a bounded set), or `error`. */
  readonly commands = new Counter({
    name: 'account_ops_commands_total',
    help: 'Commands sent to the engine by type and outcome.',
    labelNames: ['type', 'outcome'] as const,
    registers: [this.registry],
  });

  /** Wrong step-up codes, and the lockouts they caused (PCI DSS 8.3.4); no actor label. */
  readonly stepUpFailures = new Counter({
    name: 'account_ops_step_up_failures_total',
    help: 'Wrong step-up codes (counted towards the lockout).',
    registers: [this.registry],
  });

  readonly stepUpLockouts = new Counter({
    name: 'account_ops_step_up_lockouts_total',
    help: 'Actors whose step-up was locked after too many wrong codes.',
    registers: [this.registry],
  });

  readonly stepUpRefusedWhileLocked = new Counter({
    name: 'account_ops_step_up_refused_locked_total',
    help: 'Step-up attempts refused because the actor was locked.',
    registers: [this.registry],
  });

  private commandLoad: (() => CommandLoad) | undefined;

  /** Commands queued or running in the engine (collected at scrape time). */
  readonly commandsInFlight = new Gauge({
    name: 'account_ops_commands_in_flight',
    help: 'Commands queued or running in this process.',
    registers: [this.registry],
    collect: () => {
      const load = this.commandLoad?.();
      if (load) this.commandsInFlight.set(load.inFlight);
    },
  });

  /** The bound at which writes are shed (503 OVERLOADED); absent without one. */
  readonly commandsInFlightLimit = new Gauge({
    name: 'account_ops_commands_in_flight_limit',
    help: 'Commands in flight at which this process sheds writes (503).',
    registers: [this.registry],
    collect: () => {
      const limit = this.commandLoad?.().limit;
      if (limit !== undefined && limit !== null) this.commandsInFlightLimit.set(limit);
    },
  });

  /** Where the in-flight gauges read from: the engine, once Nest has built it. */
  watchCommandLoad(source: () => CommandLoad): void {
    this.commandLoad = source;
  }

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'account_ops_api_' });
  }
}

/** Provider token for the app's ApiMetrics. */
export const API_METRICS = Symbol('API_METRICS');
