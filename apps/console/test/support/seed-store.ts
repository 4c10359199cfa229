/**
 * The large-store seeder (scripts/console/seed-large-store.ts) writes through the engine.
 * It is type-checked by the root tsconfig, which maps the libs' import names; this suite's
 * tsconfig does not, so it is loaded here under the shape it exports.
 */
export interface SeededStore {
  readonly accounts: number;
  /** Refunds waiting for a decision when seeding ended, as `accountId/refundId`. */
  readonly waiting: readonly string[];
  readonly frozenWithRefunds: readonly string[];
  readonly expired: number;
  readonly rejected: number;
  readonly ms: number;
}

interface Seeder {
  seedLargeStore(filename: string, cardSecret: string, accounts?: number): Promise<SeededStore>;
  ownerOf(i: number): { name: string; email: string };
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const seeder = require('../../../../scripts/console/seed-large-store') as Seeder;

export const seedLargeStore = seeder.seedLargeStore;
export const ownerOf = seeder.ownerOf;
