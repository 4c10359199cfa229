import type { Actor, Command, CommandPayloads, CommandType } from '@account-ops/accounts';
import { createAccountOps } from '@account-ops/engine';
import { SqliteEventStore } from '@account-ops/event-store';

const actor = (id: string, role: Actor['roles'][number]): Actor => ({ id, roles: [role] });
const OPERATORS = [actor('op-1', 'operator'), actor('op-2', 'operator'), actor('op-3', 'operator')];
const ADMIN = actor('admin-1', 'admin');
const GATEWAY = actor('gateway', 'system');
const AP2 = actor('ap-2', 'approver');

const FIRST = [
  'Clara',
  'Jonas',
  'Amélie',
  'Noah',
  'Lena',
  'Mateo',
  'Sofia',
  'Émile',
  'Ida',
  'Luca',
];
const LAST = [
  'Schmidt',
  'Müller',
  'Dubois',
  'García',
  'Rossi',
  'Novák',
  'Jansen',
  'Nilsson',
  'Kovač',
];
const REASONS = ['technical_issue', 'duplicate_charge', 'service_unsatisfactory', 'price_change'];

/** The owner of account `i`: names repeat, as in a real customer base. */
export function ownerOf(i: number): { name: string; email: string } {
  const first = FIRST[i % FIRST.length]!;
  const last = LAST[Math.floor(i / FIRST.length) % LAST.length]!;
  const ascii = `${first}.${last}`.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  return { name: `${first} ${last}`, email: `${ascii.toLowerCase()}.${i}@example.com` };
}

/** What {@link seedLargeStore} made (apps/console/test/support/seed-store.ts mirrors it). */
export interface SeededStore {
  readonly accounts: number;
  /** Refunds waiting for a decision when seeding ended, as `accountId/refundId`. */
  readonly waiting: readonly string[];
  readonly frozenWithRefunds: readonly string[];
  readonly expired: number;
  readonly rejected: number;
  readonly ms: number;
}

/**
 * A store of realistic size written straight through the engine (no HTTP), before the API
 * opens it: `accounts` accounts; every tenth has a card, money and one refund — waiting,
 * aged 5 min to 71 h (so deadlines from 1 h to 72 h away), a few above the two-approver
 * threshold, some on frozen accounts — and a handful expired and rejected. The clock
 * runs from 80 h ago up to now, each command a moment after the last.
 */
export async function seedLargeStore(
  filename: string,
  cardSecret: string,
  accounts = 1000,
): Promise<SeededStore> {
  const started = Date.now();
  const end = Date.now();
  let now = end - 80 * 3_600_000;
  const clock = { now: () => new Date(now) };
  const store = new SqliteEventStore({ filename, now: clock.now });
  const ops = createAccountOps({ store, clock, cardFingerprintSecret: cardSecret });
  const run = async <T extends CommandType>(
    accountId: string,
    type: T,
    by: Actor,
    payload: CommandPayloads[T],
  ) => {
    // Card changes stand for ones made with a verified second factor (SPEC §3).
    await ops.execute({ type, accountId, actor: by, ...payload } as unknown as Command, {
      stepUpVerifiedByHost: type === 'ChangeBankCard',
    });
    now += 10;
  };

  const withRefund = Array.from({ length: Math.floor(accounts / 10) + 30 }, (_, k) => k * 7)
    .filter((i) => i < accounts)
    .slice(0, Math.ceil(accounts / 8));
  const refundAccounts = new Set(withRefund);
  for (let i = 0; i < accounts; i++) {
    const accountId = `acc-${String(i).padStart(5, '0')}`;
    const owner = ownerOf(i);
    await run(accountId, 'OpenAccount', OPERATORS[i % 3]!, {
      ownerName: owner.name,
      ownerEmail: owner.email,
      currency: i % 11 === 0 ? 'USD' : 'EUR',
    });
    if (!refundAccounts.has(i)) continue;
    await run(accountId, 'ChangeBankCard', ADMIN, {
      cardNumber: '4111111111111111',
      holderName: owner.name.toUpperCase(),
      bankName: 'Example Bank',
    });
    await run(accountId, 'InitiateTopUp', GATEWAY, {
      topUpId: `tu-${accountId}`,
      amount: 800_000,
      method: 'bank_transfer',
      paymentReference: `BANK-${accountId}`,
    });
    await run(accountId, 'SettleTopUp', GATEWAY, { topUpId: `tu-${accountId}` });
  }

  // Refunds: the first few expire (requested 75 h ago), the rest spread over 71 h.
  const waiting: string[] = [];
  const frozenWithRefunds: string[] = [];
  let expired = 0;
  let rejected = 0;
  const span = 71 * 3_600_000;
  for (const [k, i] of withRefund.entries()) {
    const accountId = `acc-${String(i).padStart(5, '0')}`;
    const refundId = `rf-${String(i).padStart(5, '0')}`;
    const late = k < 5;
    now = late ? end - 75 * 3_600_000 + k * 1000 : end - span + (k * span) / withRefund.length;
    // Mostly small, every ninth above the two-approver threshold (5,000.00).
    const amount = k % 9 === 4 ? 600_000 : 500 + ((k * 7919) % 120_000);
    await run(accountId, 'RequestRefund', OPERATORS[k % 3]!, {
      refundId,
      amount,
      reason: REASONS[k % REASONS.length] as CommandPayloads['RequestRefund']['reason'],
    });
    if (late) {
      expired++;
      continue;
    }
    if (k % 17 === 3) {
      await run(accountId, 'RejectRefund', AP2, {
        refundId,
        reason: 'Duplicate of another refund',
      });
      rejected++;
      continue;
    }
    if (k % 13 === 6) {
      await run(accountId, 'Freeze', ADMIN, {
        reason: 'manual',
        note: 'customer disputes the refund amount',
      });
      frozenWithRefunds.push(accountId);
    }
    waiting.push(`${accountId}/${refundId}`);
  }
  // The scheduler expires what passed its deadline, as the API's would.
  now = end;
  await ops.deadlines.runDue();
  await store.close();
  return { accounts, waiting, frozenWithRefunds, expired, rejected, ms: Date.now() - started };
}
