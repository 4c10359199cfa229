import autocannon, { type Result } from 'autocannon';
import { loadRequests } from './load-sequence';

export interface LoadFigures {
  readonly seconds: number;
  readonly connections: number;
  readonly requests: number;
  /** Completed requests per second, averaged over the run. */
  readonly throughputPerSecond: number;
  readonly latencyMs: { readonly p50: number; readonly p99: number; readonly max: number };
  readonly statusCodes: Record<string, number>;
  readonly non2xx: number;
  readonly fiveXx: number;
  readonly fiveXxOther503: number;
  readonly errors: number;
  readonly timeouts: number;
}

function figures(result: Result): LoadFigures {
  const statusCodes = Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([code, stat]) => [code, stat.count ?? 0]),
  );
  const fiveXx = Object.entries(statusCodes)
    .filter(([code]) => code.startsWith('5'))
    .reduce((sum, [, n]) => sum + n, 0);
  return {
    seconds: result.duration,
    connections: result.connections,
    requests: result.requests.total,
    throughputPerSecond: Math.round(result.requests.total / result.duration),
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
    statusCodes,
    non2xx: result.non2xx,
    fiveXx,
    fiveXxOther503: fiveXx - (statusCodes['503'] ?? 0),
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

/**
 * Drives the load sequence at the highest rate the machine sustains: no rate limit, a
 * fixed number of keep-alive connections, each sending its next request as soon as the
 * previous one is answered. Autocannon runs in a worker thread so it does not share the
 * API's event loop (on two cores: one for the API, one for the load).
 */
export async function runLoad(baseUrl: string, seconds: number, connections: number) {
  const result = await autocannon({
    url: baseUrl,
    connections,
    duration: seconds,
    workers: 1,
    requests: loadRequests(),
  });
  return figures(result);
}
