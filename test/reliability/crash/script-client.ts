import type { ChildGate } from '../harness/child-gate';
import { NoAnswer, send, type Request, type Response } from '../harness/http';
import type { CommandLedger } from './command-ledger';
import type { Progress } from './progress';
import type { Preempted, Step } from './steps';

/** Where a script is played and what it was told is recorded. */
export interface PlayContext {
  readonly gate: ChildGate;
  readonly ledger: CommandLedger;
  readonly progress?: Progress;
  readonly stopping?: () => boolean;
}

export interface ClientContext extends PlayContext {
  /** Builds the next account's script: episodes of steps. */
  readonly nextScript: () => { accountId: string; episodes: Step[][] };
  readonly stopping: () => boolean;
}

/**
 * Sends until it gets a complete answer. No answer while the gate is closed means the API
 * was killed: wait for the next child and send the same request again (same key, same
 * body). No answer from a child that is still up is a failure of its own.
 */
export async function sendThroughCrashes(
  gate: ChildGate,
  request: Request,
  progress?: Progress,
): Promise<{ response: Response; crashes: number }> {
  let crashes = 0;
  let after = 0;
  for (;;) {
    const { url, generation } = await gate.current(after);
    progress?.tick();
    try {
      const response = await send(url, request);
      progress?.tick();
      return { response, crashes };
    } catch (error) {
      if (!(error instanceof NoAnswer) || gate.isUp(generation)) throw error;
      crashes++;
      after = generation;
    }
  }
}

async function confirmPreempted(
  context: PlayContext,
  accountId: string,
  preempted: Preempted,
): Promise<boolean> {
  const { response } = await sendThroughCrashes(context.gate, {
    method: 'GET',
    path: `/accounts/${accountId}`,
    actor: 'operator',
  });
  const account = JSON.parse(response.text) as {
    status: string;
    refunds: Array<{ refundId: string; status: string }>;
  };
  if (preempted.kind === 'account-closed') return account.status === 'closed';
  return account.refunds.some((r) => r.refundId === preempted.refundId && r.status === 'expired');
}

/** Runs one step to a final answer; false when a deadline preempted it (skip the episode). */
async function perform(context: PlayContext, accountId: string, step: Step): Promise<boolean> {
  const { response, crashes } = await sendThroughCrashes(
    context.gate,
    step.request,
    context.progress,
  );
  context.ledger.counts.noAnswer += crashes;
  if (response.status === step.status) {
    context.ledger.acknowledge(step, accountId, response, crashes > 0);
    return true;
  }
  if (
    response.status === 409 &&
    step.preemptedBy &&
    (await confirmPreempted(context, accountId, step.preemptedBy))
  ) {
    context.ledger.refuse(step, accountId);
    return false;
  }
  const { method, path } = step.request;
  throw new Error(
    `${method} ${path} answered ${response.status}, expected ${step.status}: ${response.text.slice(0, 400)}`,
  );
}

/**
 * Plays one account's script: its steps strictly in order (so every answer is
 * predictable), the rest of an episode skipped when a deadline preempted a step. Stops
 * between episodes when told to.
 */
export async function playScript(
  context: PlayContext,
  accountId: string,
  episodes: readonly Step[][],
): Promise<void> {
  for (const episode of episodes) {
    if (context.stopping?.()) return;
    for (const step of episode) {
      if (!(await perform(context, accountId, step))) break;
    }
  }
}

/** One concurrent client: plays account scripts one after another until told to stop. */
export async function runClient(context: ClientContext): Promise<void> {
  while (!context.stopping()) {
    const { accountId, episodes } = context.nextScript();
    await playScript(context, accountId, episodes);
  }
}
