import type { ChildGate } from '../harness/child-gate';
import type { Rng } from '../harness/rng';
import { hashBody, type CommandLedger } from './command-ledger';
import { sendThroughCrashes } from './script-client';

/**
 * After a restart, sends a random sample of acknowledged commands again with their
 * original Idempotency-Key: each must be answered as a replay with the same status and the
 * same bytes, and (checked after the next kill) write nothing.
 */
export async function checkReplays(
  gate: ChildGate,
  ledger: CommandLedger,
  rng: Rng,
  count: number,
): Promise<number> {
  const problems: string[] = [];
  const sample = Array.from({ length: Math.min(count, ledger.acknowledged.length) }, () =>
    rng.pick(ledger.acknowledged),
  );
  await Promise.all(
    sample.map(async (ack) => {
      const { response } = await sendThroughCrashes(gate, ack.step.request);
      const what = `replay of ${ack.step.request.method} ${ack.step.request.path} (key ${ack.key})`;
      if (response.status !== ack.step.status) problems.push(`${what}: status ${response.status}`);
      else if (!response.replayed) problems.push(`${what}: not marked Idempotent-Replayed`);
      else if (hashBody(response.text) !== ack.bodyHash) problems.push(`${what}: different body`);
    }),
  );
  if (problems.length > 0) throw new Error(problems.join('\n'));
  return sample.length;
}
