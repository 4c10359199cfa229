import type { Command } from '@account-ops/accounts';
import type { AccountOps } from '@account-ops/engine';
import { accountFixtures as f } from '@account-ops/testing';

/**
 * A few commands per account touching every read model: settled and pending top-ups,
 * refunds paid out, awaiting approval and rejected, freezes, a cancellation. Which ones
 * an account gets depends on its index, so accounts differ but runs repeat exactly.
 */
export function storyFor(index: number): Command[] {
  const accountId = `acc-${index}`;
  const on = <C extends Command>(c: C): C => ({ ...c, accountId });
  const paidOut = index % 2 === 0;
  const rejected = index % 3 === 0;
  const failed = index % 5 === 0;
  const cancels = index % 7 === 6 && index % 4 !== 1;
  const frozen = !cancels && index % 4 === 1;
  const story: Command[] = [
    on(f.open()),
    on(f.card()),
    on(f.topUp('t1', 50_000 + index)),
    on(f.settle('t1')),
    on(f.topUp('t2', 3_000)),
    on(f.refund('r1', 1_000)),
    on(f.approve('r1')),
    on(f.refund('r2', 700 + index)),
  ];
  if (paidOut || cancels) story.push(on(f.command('MarkRefundPaidOut', { refundId: 'r1' })));
  if (rejected) story.push(on(f.command('RejectRefund', { refundId: 'r2', reason: 'duplicate' })));
  else if (cancels) story.push(on(f.command('CancelRefund', { refundId: 'r2' })));
  if (failed || cancels) {
    story.push(on(f.command('FailTopUp', { topUpId: 't2', reason: 'declined' })));
  }
  if (frozen) story.push(on(f.command('Freeze', { reason: 'manual', note: 'ops check' })));
  if (cancels) story.push(on(f.command('RequestCancellation', { reason: 'moving away' })));
  return story;
}

/** Runs the stories of accounts `from` … `from + count - 1`, accounts concurrently. */
export async function seedAccounts(ops: AccountOps, count: number, from = 0): Promise<number> {
  let commands = 0;
  await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      for (const command of storyFor(from + i)) {
        await ops.execute(command, f.setUpOptions(command));
        commands++;
      }
    }),
  );
  return commands;
}
