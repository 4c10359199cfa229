import { generate } from 'otplib';
import { fixturePath, ROUTE_FIXTURES, type RouteFixture } from '../harness/route-fixtures';
import { ROUTES_NEEDING_AN_IDENTITY_PROVIDER } from '../harness/routes-awaiting-fixtures';
import { ROLES } from '@account-ops/accounts';
import { ROUTE_NAMES, ROUTES } from '../../../apps/api/src/routes/route-table';
import { ACTOR_OF_ROLE, keyOf, OPERATOR_TOTP_SECRET } from '../../../apps/api/test/support/actors';
import { ApiClient } from '../../../apps/api/test/support/client';
import { seeder } from '../../../apps/api/test/support/seed';
import { reportFigures } from '../harness/results';
import { BUDGET } from '../http/budget';
import { itLeavesNoSecrets } from '../http/leak-scan';
import { ADMIN_TOTP_SECRET, startApi, type ReliabilityApi } from '../http/reliability-api';
import { createStoreTarget, type StoreTarget } from '../http/store-target';
import { scenarioFor } from './matrix-scenarios';
import { EXPECTATIONS, type Expectation } from './spec-roles';

jest.setTimeout(600_000);

type Caller = (typeof ROLES)[number] | 'no key' | 'wrong key';
type Outcome = 'success' | 'forbidden' | 'unauthenticated';
const CALLERS: readonly Caller[] = [...ROLES, 'no key', 'wrong key'];

/** What SPEC says the caller gets on the row's route. */
function expected(row: Expectation, caller: Caller): Outcome {
  if (row.allowed === 'public') return 'success';
  if (caller === 'no key' || caller === 'wrong key') return 'unauthenticated';
  return row.allowed.includes(caller) ? 'success' : 'forbidden';
}

function outcomeOf(res: { status: number; body: { code?: string } }): string {
  if (res.status < 300) return 'success';
  if (res.status === 401 && res.body.code === 'UNAUTHENTICATED') return 'unauthenticated';
  if (res.status === 403 && res.body.code === 'FORBIDDEN') return 'forbidden';
  return `${res.status} ${res.body.code}`;
}

/**
 * Every route × every role (and no key, and a key nobody has) against the running app,
 * each cell checked against what SPEC says — not against the guard's own table. Allowed
 * callers must succeed on an account in the right state; everyone else must be refused
 * and leave that account and the store as they were.
 */
describe.each(BUDGET.backends)('authorization matrix from SPEC [%s]', (backend) => {
  let target: StoreTarget;
  let api: ReliabilityApi;
  const tally = { cells: 0, success: 0, forbidden: 0, unauthenticated: 0, mismatches: 0 };
  beforeAll(async () => {
    target = await createStoreTarget(backend);
    api = await startApi(target);
  });
  afterAll(async () => {
    reportFigures(`authorization-matrix-${backend}`, {
      routeVariants: EXPECTATIONS.length,
      callers: CALLERS.length,
      ...tally,
    });
    await api.close();
    await target.dispose();
  });

  it('has a SPEC expectation for every route, and none for routes that do not exist', () => {
    const covered = new Set(EXPECTATIONS.map((row) => row.route));
    expect(ROUTE_NAMES.filter((name) => !covered.has(name))).toEqual([]);
    expect([...covered].filter((name) => !(name in ROUTES))).toEqual([]);
  });

  const clientFor = (caller: Caller) =>
    new ApiClient(
      api.server,
      caller === 'no key'
        ? undefined
        : caller === 'wrong key'
          ? 'Bearer wrong-key-0123456789abcdef'
          : `Bearer ${keyOf(ACTOR_OF_ROLE[caller])}`,
    );

  async function call(
    row: Expectation,
    caller: Caller,
    accountId: string,
    fixture: RouteFixture | undefined,
  ) {
    const scenario = scenarioFor(row);
    let request = clientFor(caller).send(
      ROUTES[row.route].method,
      fixture ? fixturePath(ROUTES[row.route].path, accountId, fixture) : scenario.path(accountId),
      fixture ? fixture.body : scenario.body(accountId),
    );
    // Every card change needs a second factor, admin included (SPEC §3): give it one. A code
    // is accepted once per actor and 30 s step, so each card change moves to the next step.
    if (row.route === 'changeBankCard' && (caller === 'operator' || caller === 'admin')) {
      api.clock.advance(30_000);
      const epoch = Math.floor(api.clock.now().getTime() / 1000);
      const secret = caller === 'admin' ? ADMIN_TOTP_SECRET : OPERATOR_TOTP_SECRET;
      request = request.set('X-Step-Up-Code', await generate({ secret, epoch }));
    }
    // So is the admin's limits change (it always needs one).
    if (row.route === 'setTopUpLimits' && caller === 'admin') {
      api.clock.advance(30_000);
      const epoch = Math.floor(api.clock.now().getTime() / 1000);
      request = request.set('X-Step-Up-Code', await generate({ secret: ADMIN_TOTP_SECRET, epoch }));
    }
    return request;
  }

  const label = (row: Expectation) => `${row.route}${row.variant ? ` (${row.variant})` : ''}`;

  // Every route; the sign-on redirects need an identity provider (console-sign-in e2e).
  const driven = EXPECTATIONS.filter(
    (row) => !ROUTES_NEEDING_AN_IDENTITY_PROVIDER.includes(row.route),
  );
  it.each(driven.map((row) => [label(row), row] as const))('%s', async (_label, row) => {
    const scenario = scenarioFor(row);
    const seed = seeder(api);
    const mismatches: string[] = [];
    const shared = `m-${label(row).replace(/\W+/g, '-')}`;
    // Routes on resources other than an account (a checkpoint, a webhook endpoint, a dead
    // delivery) get them from their fixture, made once and shared by every caller.
    const prepare = ROUTE_FIXTURES[row.route];
    const fixture = prepare ? await prepare(api, shared) : undefined;
    if (!fixture) await scenario.setup(seed, shared);
    for (const caller of CALLERS) {
      const want = expected(row, caller);
      const fresh = want === 'success' && scenario.write;
      const accountId = fresh ? `${shared}-${caller}` : shared;
      if (fresh) await scenario.setup(seed, accountId);
      const version = (await api.ops.load(accountId)).version;
      const events = await target.eventCount();
      const res = await call(row, caller, accountId, fixture);
      const got = outcomeOf(res);
      tally.cells++;
      tally[want]++;
      if (got !== want) mismatches.push(`${caller}: SPEC says ${want}, got ${got} — ${row.source}`);
      if (want !== 'success') {
        const after = (await api.ops.load(accountId)).version;
        if (after !== version || (await target.eventCount()) !== events)
          mismatches.push(`${caller}: refused, yet wrote`);
      } else if (scenario.write && (await api.ops.load(accountId)).version <= version) {
        mismatches.push(`${caller}: allowed, but nothing was written`);
      }
    }
    tally.mismatches += mismatches.length;
    expect(mismatches).toEqual([]);
  });

  itLeavesNoSecrets('authorization-matrix', () => api);
});
