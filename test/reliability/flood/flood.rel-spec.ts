import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { join } from 'node:path';
import autocannon from 'autocannon';
import type { RateLimitOptions } from '../../../apps/api/src/limits/rate-limits';
import { authorization } from '../harness/actors';
import { BUDGET, FULL } from '../harness/budget';
import { reportFigures } from '../harness/results';
import { checkAfterLoad } from '../load/after-load-checks';
import { startInProcessApi, type InProcessApi } from '../load/in-process-api';
import { FLOOD_ACCOUNT } from './flood-body';
import { verifyWrites } from './flood-checks';
import { retryRefused } from './retry-refused';
import { recordRequests, type RecordedRequest } from './request-recorder';
import { percentile, runVictim } from './victim';

const FLOOD_REQUEST = join(__dirname, 'flood-request.js');
const FLOOD_CONNECTIONS = 32;
// Small enough that the flood's allowed bursts overflow the bound (so writes are shed),
// the victim's pace far under its key's limit.
const LIMITS: RateLimitOptions = {
  perKey: { limit: 200, windowMs: 1_000 },
  perAddress: { limit: 20, windowMs: 60_000 },
};
const MAX_QUEUED_COMMANDS = 8;
// Refused flood writes sent again afterwards with their keys (each twice).
const RETRIED_REFUSALS = FULL ? 300 : 40;
// "Usable" on a loaded 2-core machine: the victim's p99 is typically tens of milliseconds;
// the bound only catches a flood that takes the service from everybody.
const P99_BOUND_MS = 2_000;

const FLOOD_BODY = JSON.stringify(FLOOD_ACCOUNT('{account}'));

/**
 * One key (the operator's) opens accounts and reads as fast as 32 connections go (the
 * reads are cheap, so the key meets its rate limit however slowly this machine commits);
 * a guesser tries keys.
 */
function flood(baseUrl: string, seconds: number) {
  const write = {
    method: 'POST' as const,
    path: '/accounts',
    headers: { authorization: authorization('operator'), 'content-type': 'application/json' },
    body: FLOOD_BODY,
    setupRequest: FLOOD_REQUEST,
  };
  const read = {
    method: 'GET' as const,
    path: '/accounts/fl-none',
    headers: { authorization: authorization('operator') },
  };
  const guess = {
    method: 'GET' as const,
    path: '/accounts/fl-none',
    headers: { authorization: 'Bearer not-a-valid-key-0000000000' },
  };
  return autocannon({
    url: baseUrl,
    connections: FLOOD_CONNECTIONS,
    duration: seconds,
    workers: 1,
    requests: [write, read, read, guess],
  });
}

const count = (items: readonly RecordedRequest[], pick: (r: RecordedRequest) => boolean) =>
  items.filter(pick).length;

const statusCounts = (items: readonly RecordedRequest[]) =>
  items.reduce<Record<string, number>>((counts, r) => {
    counts[r.status] = (counts[r.status] ?? 0) + 1;
    return counts;
  }, {});

describe('a flood from one key (in-process API on SQLite)', () => {
  let api: InProcessApi;
  beforeAll(async () => {
    api = await startInProcessApi({
      rateLimits: LIMITS,
      maxQueuedCommands: MAX_QUEUED_COMMANDS,
      // Thousands of 429 and 503 warnings would cost more than the flood; errors still show.
      log: { level: 'error' },
    });
  });
  afterAll(() => api.close());

  it(`leaves another key usable for ${BUDGET.floodSeconds} s and loses no acknowledged command`, async () => {
    const recorded = recordRequests(api.app.getHttpServer() as Server);
    const runId = randomUUID().slice(0, 8);
    let stopped = false;
    const baselineEnd = performance.now() + 1_000;
    const baseline = await runVictim(
      api.baseUrl,
      'admin',
      `${runId}-b`,
      () => performance.now() > baselineEnd,
    );

    const flooding = Promise.resolve(flood(api.baseUrl, BUDGET.floodSeconds)).finally(
      () => (stopped = true),
    );
    const [result, victim] = await Promise.all([
      flooding,
      runVictim(api.baseUrl, 'admin', runId, () => stopped),
    ]);

    const floodWrites = recorded.filter((r) => r.caller === 'operator' && r.method === 'POST');
    const guesses = recorded.filter((r) => r.caller === 'guess');
    const { problems, lost, writtenDespiteRefusal, shedAndRetried } = await verifyWrites(
      api,
      floodWrites,
      [...baseline.writes, ...victim.writes],
    );
    // The flood's own refused writes, sent again with their keys now that it is over.
    const refusedKeys = floodWrites
      .filter((r) => r.status === 429 || r.status === 503)
      .map((r) => r.idempotencyKey!)
      .slice(0, RETRIED_REFUSALS);
    const retries = await retryRefused(api, refusedKeys);
    const after = await checkAfterLoad(api.app);
    const figures = {
      seconds: BUDGET.floodSeconds,
      floodConnections: FLOOD_CONNECTIONS,
      limits: { perKey: '200/1s', perAddress: '20/60s', maxQueuedCommands: MAX_QUEUED_COMMANDS },
      requests: recorded.length,
      floodRequests: result.requests.total,
      floodWrites: { total: floodWrites.length, statuses: statusCounts(floodWrites) },
      guesses: { total: guesses.length, statuses: statusCounts(guesses) },
      rateLimited429: count(recorded, (r) => r.status === 429),
      shed503: count(recorded, (r) => r.status === 503 && r.path === '/accounts'),
      victim: {
        requests: victim.latenciesMs.length,
        statuses: victim.statuses,
        p50Ms: Math.round(percentile(victim.latenciesMs, 50)),
        p99Ms: Math.round(percentile(victim.latenciesMs, 99)),
        maxMs: Math.round(Math.max(...victim.latenciesMs)),
        baselineP99Ms: Math.round(percentile(baseline.latenciesMs, 99)),
        shedAndRetried,
        probes: victim.probeStatuses,
        probeP99Ms: Math.round(percentile(victim.probeLatenciesMs, 99)),
      },
      acknowledgedWrites: floodWrites.filter((r) => r.status < 300).length,
      lostCommands: lost,
      writtenDespiteRefusal,
      refusedThenRetried: { keys: retries.retried, ranOnceEach: retries.problems.length === 0 },
      accounts: after.accounts,
      events: after.events,
      problems: problems.length + after.problems.length + retries.problems.length,
    };
    reportFigures('flood-sqlite', figures);

    expect(figures.rateLimited429).toBeGreaterThan(0);
    expect(result.errors).toBe(0);
    const fiveXx = recorded.filter((r) => r.status >= 500 && r.status !== 503);
    expect(fiveXx).toEqual([]);
    // The guesser was bounded: at most the per-address limit got as far as a 401.
    expect(count(guesses, (r) => r.status === 401)).toBeLessThanOrEqual(20);
    expect(victim.statuses['429']).toBeUndefined();
    // One actor holds at most half of the bound: the flood never crowds the victim out.
    expect(victim.statuses['503']).toBeUndefined();
    expect(percentile(victim.latenciesMs, 99)).toBeLessThan(P99_BOUND_MS);
    // /health and /metrics answered throughout: never limited (503 means "shedding now").
    expect(Object.keys(victim.probeStatuses).sort()).toEqual(expect.arrayContaining(['200']));
    expect(victim.probeStatuses['429']).toBeUndefined();
    expect(lost).toBe(0);
    expect(writtenDespiteRefusal).toBe(0);
    expect(refusedKeys.length).toBeGreaterThan(0);
    expect([...problems, ...retries.problems, ...after.problems]).toEqual([]);
  }, 120_000);
});
