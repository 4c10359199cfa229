import type { AccountConfig } from '@account-ops/accounts';
import type { ClockSpec } from '../harness/accelerated-clock';
import { Rng } from '../harness/rng';
import type { ThrowawayStore } from '../harness/throwaway-store';
import { CrashingApi } from './crashing-api';
import { Progress } from './progress';
import { checkReplays } from './replay-check';
import { runClient } from './script-client';
import type { Step } from './steps';

export interface KillLoopOptions {
  readonly store: ThrowawayStore;
  readonly kills: number;
  readonly seed: number;
  readonly clients: number;
  readonly clock: ClockSpec;
  readonly config: Partial<AccountConfig>;
  /** Compare read models with a full rebuild after every n-th kill (and at the end). */
  readonly rebuildEvery: number;
  /** The kill comes after this many client ticks (a request sent or answered) since the restart. */
  readonly killAfterTicks: readonly [number, number];
  /** An account's script: episodes of steps. */
  readonly script: (rng: Rng, accountId: string) => Step[][];
}

export interface KillLoopReport {
  readonly kills: number;
  readonly commandsAcknowledged: number;
  readonly commandsChecked: number;
  readonly events: number;
  readonly noAnswer: number;
  readonly retriedReplayed: number;
  readonly retriedRanNow: number;
  readonly preemptedByDeadline: number;
  readonly replaysVerified: number;
  readonly hashChainsVerified: number;
  readonly rebuildsCompared: number;
  /** Merkle log checks after the kills, and the signed checkpoints compared with the events. */
  readonly merkleTreesChecked: number;
  readonly checkpointsChecked: number;
  readonly deadlinesFired: { readonly refundSla: number; readonly retention: number };
  readonly deadlinesFiredAfterDowntime: number;
  readonly seconds: number;
}

/**
 * Parts 1 and 2 of the reliability suite: concurrent clients play account scripts over
 * HTTP while the driver SIGKILLs the API after a random amount of work, checks the store it
 * left behind, restarts it and lets the clients resend what got no answer (same key, same
 * body). At the end the clients stop, every deadline due by then is awaited, and a final
 * kill is followed by every check and a re-read of the whole store.
 */
export async function runKillLoop(options: KillLoopOptions): Promise<KillLoopReport> {
  const started = Date.now();
  const rng = new Rng(options.seed);
  const api = new CrashingApi(options.store, options.clock, options.config);
  const progress = new Progress();
  let stopping = false;
  const tag = options.seed.toString(36);
  try {
    await api.start();
    const clients = Promise.all(
      Array.from({ length: options.clients }, (_, c) => {
        const clientRng = new Rng(options.seed + c + 1);
        let accounts = 0;
        return runClient({
          gate: api.gate,
          ledger: api.ledger,
          progress,
          stopping: () => stopping,
          nextScript: () => {
            const accountId = `rel-${tag}-c${c}-a${++accounts}`;
            return { accountId, episodes: options.script(clientRng, accountId) };
          },
        });
      }),
    );
    let clientFailure: unknown;
    clients.catch((error: unknown) => (clientFailure ??= error));
    let replaysVerified = 0;
    for (let kill = 1; kill <= options.kills; kill++) {
      await progress.after(rng.int(...options.killAfterTicks), clients);
      if (clientFailure !== undefined) throw clientFailure;
      await api.killAndCheck(`after kill ${kill}`, kill % options.rebuildEvery === 0);
      await api.start();
      replaysVerified += await checkReplays(api.gate, api.ledger, rng, 5);
    }
    stopping = true;
    await clients;
    await api.finish();
    const { ledger, checker } = api;
    return {
      kills: options.kills,
      commandsAcknowledged: ledger.acknowledged.length,
      commandsChecked: checker.figures.commandsChecked,
      events: checker.eventCount,
      noAnswer: ledger.counts.noAnswer,
      retriedReplayed: ledger.counts.retriedReplayed,
      retriedRanNow: ledger.counts.retriedRanNow,
      preemptedByDeadline: ledger.counts.preempted,
      replaysVerified,
      hashChainsVerified: checker.figures.hashChainsVerified,
      rebuildsCompared: checker.figures.rebuilds,
      merkleTreesChecked: checker.merkle.figures.treesChecked,
      checkpointsChecked: checker.merkle.figures.checkpointsChecked,
      deadlinesFired: {
        refundSla: checker.deadlines.fired.refund_approval_sla,
        retention: checker.deadlines.fired.retention_expiry,
      },
      deadlinesFiredAfterDowntime: checker.deadlines.firedAfterDowntime,
      seconds: Math.round((Date.now() - started) / 1000),
    };
  } catch (error) {
    if (error instanceof Error) error.message += `\nlast API output:\n${api.recentOutput()}`;
    throw error;
  } finally {
    await api.stop();
  }
}
