import type { ChildGate } from '../harness/child-gate';
import type { Rng } from '../harness/rng';
import { hashBody, type Acknowledged, type CommandLedger } from './command-ledger';
import { erasedSince } from './erased-since';
import { sendThroughCrashes } from './script-client';

/**
 * After a restart, sends a random sample of acknowledged commands again with their
 * original Idempotency-Key: each must be answered as a replay with the same status and the
 * same bytes, and (checked after the next kill) write nothing. One difference is owed to
 * the rules: once the account was closed (retention runs out within seconds here), its
 * personal text reads `[erased]` in a replay too; that is accepted only with the account
 * closed and nothing else changed.
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
      else if (hashBody(response.text) !== ack.bodyHash) {
        if (!(await shreddedSince(gate, ack, response.text)))
          problems.push(`${what}: different body`);
      }
    }),
  );
  if (problems.length > 0) throw new Error(problems.join('\n'));
  return sample.length;
}

/** The account is closed now, and the replay differs from what was acknowledged only by erasure. */
async function shreddedSince(
  gate: ChildGate,
  ack: Acknowledged,
  replayed: string,
): Promise<boolean> {
  const parsed = (text: string): unknown => {
    try {
      return JSON.parse(text);
    } catch {
      return undefined; // not a JSON body: no erasure to tell apart
    }
  };
  if (!erasedSince(parsed(ack.body), parsed(replayed))) return false;
  const { response } = await sendThroughCrashes(gate, {
    method: 'GET',
    path: `/accounts/${ack.accountId}`,
    actor: 'operator',
  });
  return (
    response.status === 200 && (JSON.parse(response.text) as { status: string }).status === 'closed'
  );
}
