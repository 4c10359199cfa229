import { INTEGRATION_ROLES, ROLES } from '@account-ops/accounts';
import { ROUTE_NAMES, ROUTES, isWrite, type RouteName } from '../src/routes/route-table';
import { ACTOR_OF_ROLE } from './support/actors';
import { ApiClient } from './support/client';
import { seeder } from './support/seed';
import { BACKENDS, freshId, startTestApi, type TestApi } from './support/test-api';

/** The route's path with real values: an existing account, placeholder entity ids. */
function concrete(name: RouteName, accountId: string): string {
  return ROUTES[name].path
    .replace(':id', accountId)
    .replace(':topUpId', 'tu-1')
    .replace(':refundId', 'rf-1')
    .replace(':reason', 'manual')
    .replace(':actorId', 'op-1');
}

const guarded = ROUTE_NAMES.filter((name) => ROUTES[name].roles !== 'public');

describe.each(BACKENDS)('authentication and roles, generated from ROUTES [%s]', (backend) => {
  let t: TestApi;
  let accountId: string;
  beforeAll(async () => {
    t = await startTestApi(backend);
    accountId = freshId();
    await seeder(t).ready(accountId, 10_000);
  });
  afterAll(() => t.close());

  const version = async () => (await t.ops.load(accountId)).version;

  const refusedCases = guarded.flatMap((name) => {
    const roles = ROUTES[name].roles as readonly string[];
    // SPEC Actors: the deprecated `system` holds every integration role for one release.
    const allowed = (role: string) =>
      roles.includes(role) ||
      (role === 'system' &&
        roles.some((r) => (INTEGRATION_ROLES as readonly string[]).includes(r)));
    return ROLES.filter((role) => !allowed(role)).map((role) => [name, role] as const);
  });

  it.each(refusedCases)(
    '%s refuses the %s role with 403 and writes nothing',
    async (name, role) => {
      const before = await version();
      const route = ROUTES[name];
      const res = await t.as(ACTOR_OF_ROLE[role]).send(route.method, concrete(name, accountId), {});
      expect({ status: res.status, code: res.body.code, rule: res.body.details?.rule }).toEqual({
        status: 403,
        code: 'FORBIDDEN',
        rule: 'route',
      });
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(await version()).toBe(before);
    },
  );

  const allowedCases = guarded.flatMap((name) =>
    (ROUTES[name].roles as readonly (typeof ROLES)[number][]).map((role) => [name, role] as const),
  );

  it.each(allowedCases)('%s lets the %s role past the route guard', async (name, role) => {
    const route = ROUTES[name];
    const res = await t
      .as(ACTOR_OF_ROLE[role])
      .send(route.method, concrete(name, freshId('x')), {});
    // Whatever the domain then says (404 for this unknown account, 400, or its own 403), it
    // is not the guard's answer.
    expect(res.status).not.toBe(401);
    expect(res.body.details?.rule).not.toBe('route');
  });

  const unauthenticated: ReadonlyArray<readonly [string, string | undefined]> = [
    ['no Authorization header', undefined],
    ['an unknown key', 'Bearer not-a-configured-key-0000'],
    ['another scheme', 'Basic dGVzdDp0ZXN0'],
    ['an empty bearer', 'Bearer '],
  ];

  describe.each(unauthenticated)('with %s', (_label, authorization) => {
    it.each(guarded)('%s answers 401 with WWW-Authenticate', async (name) => {
      const route = ROUTES[name];
      const client = new ApiClient(t.server, authorization);
      const res = await client.send(route.method, concrete(name, accountId), {});
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('UNAUTHENTICATED');
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
    });
  });

  it('checks the key before anything else: a bad body from a stranger is still a 401', async () => {
    const writes = guarded.filter((name) => isWrite(ROUTES[name]));
    for (const name of writes) {
      const res = await new ApiClient(t.server, undefined).send(
        ROUTES[name].method,
        concrete(name, 'bad id!'),
        { amount: 'nope' },
        null,
      );
      expect({ name, status: res.status }).toEqual({ name, status: 401 });
    }
  });

  it('leaves health and metrics open', async () => {
    const anonymous = new ApiClient(t.server, undefined);
    expect((await anonymous.get('/health')).status).toBe(200);
    expect((await anonymous.get('/metrics')).status).toBe(200);
  });
});
