import { ROUTES } from '../../../apps/api/src/routes/route-table';
import type { Seeder } from '../../../apps/api/test/support/seed';
import { WRITE_CASES, type WriteCase } from '../../../apps/api/test/support/write-cases';
import { approved, withRefund } from '../../../apps/api/test/support/write-cases/shared';
import type { Expectation } from './spec-roles';

/**
 * How to put one matrix row's request: the state its account needs so that an allowed
 * caller succeeds (the e2e write cases' setups, plus the variants they lack), the path
 * and the body. A refusal of any other caller is then owed to its role alone.
 */
export interface Scenario {
  readonly write: boolean;
  setup(seed: Seeder, accountId: string): Promise<unknown>;
  path(accountId: string): string;
  body(accountId: string): Record<string, unknown> | undefined;
}

const a = (id: string) => `/accounts/${id}`;

/** Variants the write cases do not cover. */
const VARIANTS: Readonly<Record<string, Omit<Scenario, 'write'>>> = {
  'cancelRefund/after a failed payout': {
    setup: async (seed, id) => {
      await approved(seed, id);
      await seed.payoutFailed(id, 'rf-1');
    },
    path: (id) => `${a(id)}/refunds/rf-1/cancel`,
    body: () => ({ reason: 'customer gave up' }),
  },
  'setTopUpLimits/': {
    setup: (seed, id) => seed.open(id),
    path: (id) => `${a(id)}/limits`,
    body: () => ({ singleMax: 100_000, reason: 'risk review' }),
  },
  'freeze/compliance': {
    setup: (seed, id) => seed.open(id),
    path: (id) => `${a(id)}/freezes`,
    body: () => ({ reason: 'compliance', note: 'sanctions screening hit' }),
  },
  'unfreeze/compliance': {
    setup: async (seed, id) => {
      await seed.open(id);
      await seed.run('Freeze', id, 'compliance', { reason: 'compliance', note: 'screening' });
    },
    path: (id) => `${a(id)}/freezes/compliance`,
    body: () => ({ note: 'cleared by compliance' }),
  },
};

const fromWriteCase = (c: WriteCase): Scenario => ({
  write: true,
  setup: c.setup,
  path: c.path,
  body: (id) => c.body?.(id),
});

export function scenarioFor(expectation: Expectation): Scenario {
  const variant = VARIANTS[`${expectation.route}/${expectation.variant}`];
  if (variant) return { write: true, ...variant };
  const writeCase = WRITE_CASES.find((c) => c.route === expectation.route);
  if (writeCase) {
    // The write case's own setup for cancelRefund is "awaiting approval".
    if (expectation.route === 'cancelRefund')
      return { ...fromWriteCase(writeCase), setup: withRefund };
    return fromWriteCase(writeCase);
  }
  if (expectation.route === 'searchAccounts') {
    // A read sent as POST: the query (here the account id) travels in the body.
    return {
      write: false,
      setup: (seed, id) => seed.ready(id, 100_000),
      path: () => '/search',
      body: (id) => ({ query: id }),
    };
  }
  const route = ROUTES[expectation.route];
  return {
    write: false,
    setup: (seed, id) => seed.ready(id, 100_000),
    path: (id) => route.path.replace(':id', id).replace(':actorId', 'op-1'),
    body: () => undefined,
  };
}
