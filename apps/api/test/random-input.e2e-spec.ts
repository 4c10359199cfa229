import fc from 'fast-check';
import { formatPosition } from '@account-ops/event-store';
import { isWrite, ROUTE_NAMES, ROUTES, type RouteName } from '../src/routes/route-table';
import { ACTOR_OF_ROLE } from './support/actors';
import { bodyFields } from './support/route-bodies';
import { seeder } from './support/seed';
import { startTestApi, type TestApi } from './support/test-api';

const ACCOUNT = 'acc-fuzz';
const RUNS = 50;

/** Values no DTO field accepts: wrong types, bad numbers, control characters, overlong text. */
const NEVER_VALID = fc.constantFrom<unknown>(
  {},
  [],
  true,
  -1,
  1.5,
  2 ** 53,
  'bad id \u0000',
  'x'.repeat(2_000),
);
const anyKey = fc.string({ minLength: 1, maxLength: 12 });

function isObjectJson(raw: string): boolean {
  try {
    const value: unknown = JSON.parse(raw);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return raw.trim() === '';
  }
}

/** Random JSON bodies that must all be refused: never a 5xx, never a write. */
function garbage(fields: readonly string[]): fc.Arbitrary<{ raw: string }> {
  const known = fields.length > 0 ? fc.constantFrom(...fields) : fc.constant('unexpected');
  const others = fc.dictionary(fc.constantFrom(...fields, 'note'), fc.jsonValue(), { maxKeys: 4 });
  const json = (value: unknown) => ({ raw: JSON.stringify(value) });
  return fc.oneof(
    // Not an object at all, or not JSON at all.
    fc
      .oneof(
        fc.array(fc.jsonValue(), { maxLength: 3 }),
        fc.string(),
        fc.double(),
        fc.constant(null),
      )
      .map(json),
    // (An empty body or `{}` is a valid request where every field is optional: not garbage.)
    fc
      .string({ minLength: 1, maxLength: 40 })
      .filter((raw) => !isObjectJson(raw))
      .map((raw) => ({ raw })),
    // Known fields with a value none of them accepts.
    fc.tuple(others, known, NEVER_VALID).map(([o, k, v]) => json({ ...o, [k]: v })),
    // A field the route does not have.
    fc
      .tuple(
        others,
        anyKey.filter((k) => !fields.includes(k) && k !== '__proto__'),
        fc.jsonValue(),
      )
      .map(([o, k, v]) => json({ ...o, [k]: v })),
  );
}

function pathOf(route: RouteName): string {
  return ROUTES[route].path
    .replace(':id', ACCOUNT)
    .replace(':topUpId', 'tu-1')
    .replace(':refundId', 'rf-1')
    .replace(':reason', 'manual');
}

describe('random JSON to every write endpoint', () => {
  let t: TestApi;
  beforeAll(async () => {
    t = await startTestApi('sqlite');
    const seed = seeder(t);
    await seed.ready(ACCOUNT, 100_000);
    await seed.initiate(ACCOUNT, 'tu-1', 1_000);
    await seed.refund(ACCOUNT, 'rf-1', 1_000);
  });
  afterAll(() => t.close());

  const writes = ROUTE_NAMES.filter((name) => isWrite(ROUTES[name]));

  it.each(writes)('%s: no 5xx, no write', async (name) => {
    const route = ROUTES[name];
    const roles = route.roles as readonly (keyof typeof ACTOR_OF_ROLE)[];
    const client = t.as(ACTOR_OF_ROLE[roles[0]!]);
    const head = formatPosition(await t.store.headPosition());
    let n = 0;
    await fc.assert(
      fc.asyncProperty(garbage(bodyFields(name)), async ({ raw }) => {
        n++;
        const res = await client
          .send(route.method, pathOf(name), undefined, `fuzz-${name}-${n}`)
          .set('Content-Type', 'application/json')
          .send(raw);
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      }),
      { numRuns: RUNS },
    );
    expect(formatPosition(await t.store.headPosition())).toBe(head);
  });
});
