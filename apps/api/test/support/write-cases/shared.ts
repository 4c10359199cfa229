import type { RouteName } from '../../../src/routes/route-table';
import type { ActorName } from '../actors';
import type { Seeder } from '../seed';

type Body = Record<string, unknown> | undefined;

/** One write route, exercised end to end by write-endpoints.e2e-spec.ts. */
export interface WriteCase {
  readonly route: RouteName;
  readonly by: ActorName;
  /** Sent with the operator's next TOTP code (SPEC §3: every card change needs one). */
  readonly secondFactor?: true;
  /** Brings a fresh account to the state the route needs. */
  readonly setup: (seed: Seeder, id: string) => Promise<unknown>;
  readonly path: (id: string) => string;
  readonly body?: (id: string) => Body;
  /** What the successful response must show. */
  readonly expect: (body: Record<string, any>) => void; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Each must be a 400 naming `field`, and write nothing. */
  readonly invalid: ReadonlyArray<{
    readonly body?: unknown;
    readonly path?: (id: string) => string;
    readonly field: string;
    /** The problem code (default VALIDATION_FAILED). */
    readonly code?: string;
  }>;
  /** Sending the same operation again under a new key, once it succeeded. */
  readonly again: { readonly status: number; readonly code?: string };
  /** The operation on an entity the account does not have. */
  readonly missing?: { readonly path: (id: string) => string; readonly code: string };
}

export const a = (id: string) => `/accounts/${id}`;
export const open = (seed: Seeder, id: string) => seed.open(id);
export const withRefund = async (seed: Seeder, id: string) => {
  await seed.ready(id, 100_000);
  await seed.refund(id, 'rf-1', 30_000);
};
export const approved = async (seed: Seeder, id: string) => {
  await withRefund(seed, id);
  await seed.approve(id, 'rf-1');
};
export const conflict = (code: string) => ({ status: 409, code });
export const refundPath = (step: string) => (id: string) => `${a(id)}/refunds/rf-1/${step}`;
export const missingRefund = (step: string) => ({
  path: (id: string) => `${a(id)}/refunds/rf-404/${step}`,
  code: 'REFUND_NOT_FOUND',
});
export const missingTopUp = (step: string) => ({
  path: (id: string) => `${a(id)}/top-ups/tu-404/${step}`,
  code: 'TOP_UP_NOT_FOUND',
});
export const openBody = (id: string) => ({
  accountId: id,
  ownerName: 'Ada Lovelace',
  ownerEmail: 'ada@example.com',
  currency: 'EUR',
  plan: { pricePerCycle: 3_000, cycleDays: 30, cycleStart: '2026-03-01' },
});
export const topUpBody = {
  topUpId: 'tu-1',
  amount: 50_000,
  method: 'bank_transfer',
  paymentReference: 'psp-1',
};
export const refundBody = {
  refundId: 'rf-1',
  amount: 30_000,
  reason: 'duplicate_charge',
  note: 'charged twice',
};
export const badNote = [
  { body: { note: 5 }, field: 'note' },
  { body: { note: 'x'.repeat(1001) }, field: 'note' },
  { body: { note: 'line\nbreak' }, field: 'note' },
];
