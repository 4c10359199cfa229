import fc from 'fast-check';
import type { AccountState, DomainEvent } from '@account-ops/accounts';
import { history, type Step } from '../../accounts/src/testing/command-arbitrary';
import { play } from '../../accounts/src/testing/play-history';
import { balanceTotals, getBalance } from './balance/balance.queries';
import { DEFAULT_PROJECTIONS } from './default-projections';
import { listAccounts } from './ops/account.queries';
import { listRefunds } from './ops/refund.queries';
import { EventLog } from './testing/event-log';
import { SqliteHarness } from './testing/sqlite-harness';

/**
 * Two random histories (the domain's own generators: valid and refused commands, clock
 * jumps past SLAs and retention) for accounts `a` and `b`, their events interleaved into
 * one global order as concurrent writers would leave them.
 */
function interleave(a: DomainEvent[], b: DomainEvent[], picks: boolean[]): EventLog {
  const log = new EventLog();
  const queues = { a: [...a], b: [...b] };
  for (let i = 0; queues.a.length + queues.b.length > 0; i++) {
    const fromA = queues.b.length === 0 || (queues.a.length > 0 && (picks[i] ?? i % 2 === 0));
    const id = fromA ? 'a' : 'b';
    const event = queues[id].shift() as DomainEvent;
    log.append(id, [event], { actor: { id: event.data.by, roles: [] } });
  }
  return log;
}

async function expectReadModelsToMatch(
  harness: SqliteHarness,
  accountId: string,
  state: AccountState,
  events: number,
) {
  const balance = await getBalance(harness.reader, accountId);
  const account = (await listAccounts(harness.reader)).find((a) => a.accountId === accountId);
  if (state.accountId === null) {
    expect([balance, account]).toEqual([undefined, undefined]);
    return;
  }
  expect(balance).toMatchObject({
    currency: state.currency,
    ...state.balance,
    lastVersion: events,
  });
  expect(account).toMatchObject({
    status: state.status,
    freezeReasons: state.freezeReasons.map((r) => r.reason),
    retentionUntil: state.retentionUntil,
    closedAt: state.closedAt,
  });
  const refunds = await listRefunds(harness.reader, { accountId });
  expect(Object.fromEntries(refunds.map((r) => [r.refundId, r]))).toEqual(
    Object.fromEntries(
      Object.values(state.refunds).map((r) => [
        r.refundId,
        expect.objectContaining({
          amount: r.amount,
          status: r.status,
          approvedBy: r.approvedBy,
          approvals: r.approvedBy.length,
          decidedBy: r.decidedBy,
          decisionReason: r.decisionReason,
          payoutAttempts: r.payoutAttempts,
          payoutFailureReason: r.payoutFailureReason,
          updatedAt: r.updatedAt,
        }),
      ]),
    ),
  );
  const topUps = harness.all(
    'SELECT top_up_id, status, completed_at, failure_reason FROM rm_ops_top_ups WHERE account_id = ?',
    [accountId],
  );
  expect(Object.fromEntries(topUps.map((t) => [t.top_up_id, t]))).toEqual(
    Object.fromEntries(
      Object.values(state.topUps).map((t) => [
        t.topUpId,
        {
          top_up_id: t.topUpId,
          status: t.status,
          completed_at: t.completedAt,
          failure_reason: t.failureReason,
        },
      ]),
    ),
  );
  const freezes = harness.all(
    'SELECT reason, since, frozen_by AS by, note FROM rm_ops_freezes WHERE account_id = ? ORDER BY since, reason',
    [accountId],
  );
  expect(freezes).toEqual(
    [...state.freezeReasons].sort(
      (x, y) => x.since.localeCompare(y.since) || x.reason.localeCompare(y.reason),
    ),
  );
}

describe('read models equal replay', () => {
  it('for random histories of two interleaved accounts: balances, refunds, top-ups, freezes, lifecycle, totals, audit', async () => {
    await fc.assert(
      fc.asyncProperty(
        history,
        history,
        fc.array(fc.boolean(), { maxLength: 150 }),
        async (stepsA: Step[], stepsB: Step[], picks: boolean[]) => {
          const a = play(stepsA);
          const b = play(stepsB);
          const log = interleave(a.events, b.events, picks);
          const harness = new SqliteHarness(DEFAULT_PROJECTIONS).project(log.events);
          try {
            await expectReadModelsToMatch(harness, 'a', a.state, a.events.length);
            await expectReadModelsToMatch(harness, 'b', b.state, b.events.length);
            const expectedTotals = new Map<string, number[]>();
            for (const { currency, balance } of [a.state, b.state]) {
              if (currency === null) continue;
              const [n, av, h, p] = expectedTotals.get(currency) ?? [0, 0, 0, 0];
              expectedTotals.set(currency, [
                (n as number) + 1,
                (av as number) + balance.available,
                (h as number) + balance.held,
                (p as number) + balance.pendingIn,
              ]);
            }
            const totals = await balanceTotals(harness.reader);
            expect(
              totals.map((t) => [t.currency, t.accounts, t.available, t.held, t.pendingIn]),
            ).toEqual(
              [...expectedTotals]
                .sort(([x], [y]) => x.localeCompare(y))
                .map(([cur, v]) => [cur, ...v]),
            );
            expect(harness.rows('audit_events')).toHaveLength(log.events.length);
          } finally {
            harness.close();
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
