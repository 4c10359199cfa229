import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

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

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'account_ops_api_' });
  }
}

/** Provider token for the app's ApiMetrics. */
export const API_METRICS = Symbol('API_METRICS');
