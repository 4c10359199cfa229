import type { AccountConfig } from '@account-ops/accounts';
import {
  ConcurrencyConflict,
  createAccountOps,
  type AccountOps,
  type Clock,
  type RetryPolicy,
} from '@account-ops/engine';
import type { TransactionalEventStore } from '@account-ops/event-store';
import { runPool } from './worker-pool';

/** The payment gateway: sends top-ups. */
export const SYSTEM = { id: 'bench-gateway', roles: ['system' as const] };
/** Opens accounts and freezes them. */
export const OPERATOR = { id: 'bench-operator', roles: ['operator' as const] };

/** An engine on `store` that delivers no notifications (their outbox rows are still written). */
export function benchEngine(
  store: TransactionalEventStore,
  options: {
    readonly clock?: Clock;
    readonly config?: Partial<AccountConfig>;
    readonly retry?: RetryPolicy;
  } = {},
): AccountOps {
  return createAccountOps({
    store,
    cardFingerprintSecret: 'bench-only-fingerprint-key',
    notificationSender: { send: async () => undefined },
    ...options,
  });
}

/** Account ids unique to this run, so several runs could share a store. */
export function accountIds(prefix: string, count: number): string[] {
  const run = Date.now().toString(36);
  return Array.from({ length: count }, (_, i) => `${prefix}-${run}-${i}`);
}

export async function openAccounts(
  ops: AccountOps,
  ids: readonly string[],
  concurrency: number,
): Promise<void> {
  await runPool(concurrency, ids.length, async (i) => {
    await ops.execute({
      type: 'OpenAccount',
      accountId: ids[i]!,
      actor: OPERATOR,
      ownerName: 'Bench Owner',
      ownerEmail: 'bench@example.com',
      currency: 'EUR',
    });
  });
}

export interface TopUpRun {
  readonly accounts: readonly string[];
  readonly opsPerAccount: number;
  readonly concurrency: number;
  /** Prefixes top-up ids, payment references and keys: several processes on one account. */
  readonly idPrefix?: string;
  /**
   * Called for a command that gave up after its retries (ConcurrencyConflict, a 409 to an
   * API client); without it that fails the run.
   */
  readonly onGaveUp?: () => void;
  /** Called after each command with its latency and how many commands have finished. */
  readonly onCommand?: (latencyMs: number, done: number) => void;
}

/**
 * ACCOUNTS × OPS `InitiateTopUp` commands by `system`, each with an idempotency key,
 * `concurrency` accounts in flight and one command at a time per account (a client that
 * waits for each answer). Amount 100 keeps far below the daily limit (20,000,000).
 */
export async function driveTopUps(ops: AccountOps, run: TopUpRun): Promise<void> {
  let done = 0;
  const prefix = run.idPrefix ?? '';
  await runPool(run.concurrency, run.accounts.length, async (a) => {
    const accountId = run.accounts[a]!;
    for (let i = 0; i < run.opsPerAccount; i++) {
      const started = performance.now();
      const sent = ops.execute(
        {
          type: 'InitiateTopUp',
          accountId,
          actor: SYSTEM,
          topUpId: `${prefix}t${i}`,
          amount: 100,
          method: 'bank_transfer',
          paymentReference: `${accountId}-${prefix}p${i}`,
        },
        { idempotencyKey: `${accountId}-${prefix}t${i}` },
      );
      try {
        await sent;
      } catch (error) {
        if (!(error instanceof ConcurrencyConflict) || !run.onGaveUp) throw error;
        run.onGaveUp();
        continue;
      }
      run.onCommand?.(performance.now() - started, ++done);
    }
  });
}
