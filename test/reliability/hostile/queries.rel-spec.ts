import fc from 'fast-check';
import { routesCoveredBy } from '../harness/routes-awaiting-fixtures';
import { ROUTES } from '../../../apps/api/src/routes/route-table';
import { BUDGET, seedFor } from '../http/budget';
import {
  anyQuery,
  queryFields,
  queryKind,
  refusedQuery,
  regressionQueries,
} from './arbitraries/hostile-queries';
import { openHostileFixture, validHeaders, type HostileFixture } from './hostile-fixture';

jest.setTimeout(600_000);

const reads = routesCoveredBy().filter((name) => ROUTES[name].method === 'GET');

/**
 * Generated hostile query strings on every read route: SQL fragments in the audit and ops
 * filters, integers past 2^53 (and every other malformed number), impossible instants,
 * positions beyond 64 bits, unknown, prototype and repeated parameter names. Routes with
 * a query DTO refuse each cleanly; the others ignore or refuse it. Nothing is written.
 */
describe.each(BUDGET.backends)('hostile query strings [%s]', (backend) => {
  let fixture: HostileFixture;
  beforeAll(async () => {
    fixture = await openHostileFixture(backend);
  });
  afterAll(async () => {
    fixture.report('hostile-queries');
    await fixture.close();
  });

  it('knows the kind of every query parameter of every route', () => {
    const fields = reads.flatMap((name) =>
      queryFields(name).map((field) => [name, field] as const),
    );
    expect(fields.length).toBeGreaterThan(8);
    expect(fields.filter(([name, field]) => queryKind(name, field) === undefined)).toEqual([]);
  });

  it.each(reads)('%s: refused (or ignored) cleanly, nothing written', async (name) => {
    const route = await fixture.prepare(name);
    const fields = queryFields(name);
    const takesQuery = fields.length > 0;
    const before = await fixture.state();
    if (takesQuery) {
      for (const query of regressionQueries(fields)) {
        const request = {
          method: 'GET',
          path: `${route.path()}?${query}`,
          headers: validHeaders(route),
        };
        await fixture.attempt('filter: regression', request, true);
      }
    }
    await fc.assert(
      fc.asyncProperty(takesQuery ? refusedQuery(name, fields) : anyQuery, async (query) => {
        await fixture.attempt(
          takesQuery ? 'filter' : 'ignored',
          { method: 'GET', path: `${route.path()}?${query}`, headers: validHeaders(route) },
          takesQuery,
        );
      }),
      { numRuns: BUDGET.runsPerFamily.queries * (takesQuery ? 3 : 1), seed: seedFor(name) },
    );
    expect(await fixture.state()).toEqual(before);
    await fixture.acceptsTemplate(route);
  });

  it('leaves no secret in the store, the logs or a response', () =>
    fixture.scanSecrets('hostile-queries'));
});
