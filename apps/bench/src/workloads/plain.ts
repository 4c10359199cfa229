import { fork } from 'node:child_process';
import { join } from 'node:path';
import { exited, nextMessage } from '../child-messages';
import { accountIds } from '../engine-driver';
import { dropSchema, freshSchemaName } from '../pg-schema';
import { ServerCpuMeter } from '../server-cpu';
import { perSecond, round, summarize } from '../stats';
import type { FromPlainLoop, PlainLoopReport, ToPlainLoop } from './plain-loop-protocol';
import type { BenchContext, Measured } from './workload';

const CHILD = join(__dirname, '..', 'plain-loop-process.ts');

/**
 * The plain transaction loop of another application (`plain-loop-process.ts`) in its own
 * Node process, on the same database with a pool of `--pool` connections: as many accounts,
 * top-ups and workers as the engine's `commands`. The clock runs from the start signal to
 * its report (accounts opened untimed). After a `commands` run, `engineRatio` = engine
 * commands/s ÷ this line's: the figure issue 29's first target is about.
 */
export async function runPlain(ctx: BenchContext): Promise<Measured> {
  const { options } = ctx;
  const schema = freshSchemaName('plain');
  const child = fork(CHILD, [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    const ready = nextMessage<FromPlainLoop>(child, 'ready');
    child.send({
      type: 'assign',
      pgUrl: options.pgUrl!,
      schema,
      poolSize: options.pool,
      accounts: accountIds('plain', options.accounts),
      ops: options.ops,
      concurrency: options.concurrency,
    } satisfies ToPlainLoop);
    await ready;
    const done = nextMessage<PlainLoopReport>(child, 'done');
    const server = new ServerCpuMeter();
    child.send({ type: 'go' } satisfies ToPlainLoop);
    const report = await done;
    const serverSpent = server.stop(report.latencies.length);
    const { p50Ms, p95Ms, p99Ms } = summarize(report.latencies);
    const commandsPerSecond = perSecond(report.latencies.length, report.elapsedMs);
    const engine = ctx.results.find((r) => r.workload === 'commands')?.commandsPerSecond;
    return {
      workload: 'plain',
      store: options.store,
      commands: report.latencies.length,
      commandsPerSecond,
      p50Ms,
      p95Ms,
      p99Ms,
      poolSize: options.pool,
      // The loop process's CPU (not this one's) and the server's, per command.
      ...report.cost,
      ...serverSpent,
      ...(engine ? { engineRatio: round(engine / commandsPerSecond, 2) } : {}),
    };
  } finally {
    if (child.connected) child.disconnect();
    await exited(child);
    await dropSchema(options.pgUrl!, schema);
  }
}
