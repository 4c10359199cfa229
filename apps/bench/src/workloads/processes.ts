import { DEFAULT_PROJECTIONS, openReadModels, type ReadModels } from '@account-ops/projections';
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { accountIds, benchEngine, openAccounts } from '../engine-driver';
import { perSecond, round, summarize } from '../stats';
import { waitForProjections } from './catch-up';
import { exited, nextMessage } from '../child-messages';
import type { FromProcess, ProcessReport, ToProcess } from './process-protocol';
import type { BenchContext, Measured } from './workload';

const CHILD = join(__dirname, '..', 'command-process.ts');

/**
 * `commands` in N engine processes on one PostgreSQL schema, as N API processes would run
 * (docs/scaling.md): ACCOUNTS accounts split between them, each also sending OPS top-ups
 * to the SHARED accounts that every process writes to, so their appends conflict and are
 * re-decided (`conflictRetries`; `gaveUp` counts commands that ran out of retries, a 409
 * an API client would see, and are not in `commands`). Accounts are opened and each process's state cache warmed untimed; the
 * clock runs from the common start signal until every process is done (and, with async
 * read models, until the bench's own projector has caught up: the projector process).
 */
export async function runProcesses(ctx: BenchContext): Promise<Measured> {
  const { options, bench } = ctx;
  const n = options.processes ?? 1;
  const own = accountIds('acct', options.accounts);
  const shared = accountIds('shared', options.shared);
  await openAccounts(benchEngine(bench.store), [...own, ...shared], options.concurrency);
  const errors: unknown[] = [];
  let models: ReadModels | undefined;
  if (options.projections === 'async') {
    models = openReadModels(bench.store, {
      projections: DEFAULT_PROJECTIONS,
      mode: 'async',
      onError: (error) => errors.push(error),
    });
    await models.start();
  }
  const children = Array.from({ length: n }, () =>
    fork(CHILD, [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    }),
  );
  try {
    const ready = children.map((child) => nextMessage<FromProcess>(child, 'ready'));
    children.forEach((child, index) =>
      child.send({
        type: 'assign',
        index,
        pgUrl: options.pgUrl!,
        schema: bench.schema!,
        poolSize: options.pool,
        own: own.filter((_, i) => i % n === index),
        shared,
        ops: options.ops,
        concurrency: options.concurrency,
      } satisfies ToProcess),
    );
    await Promise.all(ready);
    const done = children.map((child) => nextMessage<ProcessReport>(child, 'done'));
    const started = performance.now();
    children.forEach((child) => child.send({ type: 'go' } satisfies ToProcess));
    const reports = await Promise.all(done);
    const ackedMs = performance.now() - started;
    const catchUpMs = models ? await waitForProjections(bench.store, models, errors) : undefined;
    const elapsedMs = performance.now() - started;
    ctx.seeded = true;
    const commands = reports.reduce((sum, r) => sum + r.commands, 0);
    const { p50Ms, p95Ms, p99Ms, maxMs } = summarize(reports.flatMap((r) => r.latencies));
    return {
      workload: 'commands',
      store: bench.kind,
      processes: n,
      sharedAccounts: options.shared,
      poolSize: options.pool,
      commands,
      commandsPerSecond: perSecond(commands, elapsedMs),
      ...(catchUpMs !== undefined
        ? { ackedPerSecond: perSecond(commands, ackedMs), catchUpMs: round(catchUpMs, 1) }
        : {}),
      perProcessCommandsPerSecond: reports.map((r) => perSecond(r.commands, r.elapsedMs)),
      conflictRetries: reports.reduce((sum, r) => sum + r.retries, 0),
      gaveUp: reports.reduce((sum, r) => sum + r.gaveUp, 0),
      p50Ms,
      p95Ms,
      p99Ms,
      maxMs,
    };
  } finally {
    children.forEach((child) => child.connected && child.disconnect());
    await Promise.all(children.map(exited));
    await models?.stop();
  }
}
