import { send } from '../harness/http';
import type { RelActor } from '../harness/actors';

/** What the well-behaved caller saw while another key flooded the API. */
export interface VictimRun {
  /** Latency of each of its API requests (ms), retries included. */
  readonly latenciesMs: number[];
  /** Latency of each /health and /metrics probe (ms). */
  readonly probeLatenciesMs: number[];
  readonly statuses: Record<string, number>;
  readonly probeStatuses: Record<string, number>;
  /** Writes it sent, by Idempotency-Key: the account each opens, and what came back. */
  readonly writes: Map<string, { accountId: string; statuses: number[] }>;
}

// A shed write is retried after this long (the API says Retry-After: 1; a test has no
// second to spare per retry, and retrying sooner only makes the case harder).
const RETRY_DELAY_MS = 50;
const MAX_ATTEMPTS = 100;
// At most one account's three requests per 20 ms (~150 requests/s): busy, but well within
// its key's limit — the victim must never be the one limited.
const PACE_MS = 20;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

const tally = (counts: Record<string, number>, status: number) => {
  counts[status] = (counts[status] ?? 0) + 1;
};

/**
 * One caller going about its business at a human pace — open an account, read it, read its
 * balance, and now and then look at /health and /metrics — until `stop()` says so. A write
 * shed with 503 is sent again with the same Idempotency-Key until it is answered.
 */
export async function runVictim(
  baseUrl: string,
  actor: RelActor,
  runId: string,
  stop: () => boolean,
): Promise<VictimRun> {
  const run: VictimRun = {
    latenciesMs: [],
    probeLatenciesMs: [],
    statuses: {},
    probeStatuses: {},
    writes: new Map(),
  };
  const timed = async (path: string, options: Parameters<typeof send>[1] | undefined) => {
    const started = performance.now();
    if (options) {
      const response = await send(baseUrl, options);
      run.latenciesMs.push(performance.now() - started);
      tally(run.statuses, response.status);
      return response.status;
    }
    const response = await fetch(`${baseUrl}${path}`);
    await response.arrayBuffer();
    run.probeLatenciesMs.push(performance.now() - started);
    tally(run.probeStatuses, response.status);
    return response.status;
  };
  for (let i = 0; !stop(); i++) {
    const started = performance.now();
    const accountId = `vi-${runId}-${i}`;
    const key = `victim-${runId}-${i}`;
    const write = { accountId, statuses: [] as number[] };
    run.writes.set(key, write);
    const body = { accountId, ownerName: 'Victim', ownerEmail: 'v@example.com', currency: 'EUR' };
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const status = await timed('/accounts', {
        method: 'POST',
        path: '/accounts',
        actor,
        body,
        idempotencyKey: key,
      });
      write.statuses.push(status);
      if (status !== 503) break;
      await pause(RETRY_DELAY_MS);
    }
    await timed('', { method: 'GET', path: `/accounts/${accountId}`, actor });
    await timed('', { method: 'GET', path: `/accounts/${accountId}/balance`, actor });
    if (i % 5 === 0) {
      await timed('/health', undefined);
      await timed('/metrics', undefined);
    }
    await pause(started + PACE_MS - performance.now());
  }
  return run;
}

/** The p-th percentile (0–100) of `values`, nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
