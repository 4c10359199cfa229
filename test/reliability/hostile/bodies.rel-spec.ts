import fc from 'fast-check';
import { routesCoveredBy } from '../harness/routes-awaiting-fixtures';
import { isWrite, ROUTES } from '../../../apps/api/src/routes/route-table';
import { bodyFields } from '../../../apps/api/test/support/route-bodies';
import { BUDGET, seedFor } from '../http/budget';
import { FIELD_KINDS } from './arbitraries/field-values';
import { bodyFamilies, regressionBodies, type HostileBody } from './arbitraries/hostile-bodies';
import type { RawRequest } from '../http/raw-http';
import { openHostileFixture, validHeaders, type HostileFixture } from './hostile-fixture';

jest.setTimeout(600_000);

/**
 * Generated hostile bodies to every route: oversized, deeply nested, prototype-polluting,
 * broken unicode and UTF-8, numbers beyond 2^53 and every other way an amount can be
 * wrong, media types that are not JSON. Writes must refuse each with a clean problem
 * document and change nothing; reads may ignore a body, but never answer 5xx.
 */
describe.each(BUDGET.backends)('hostile bodies [%s]', (backend) => {
  let fixture: HostileFixture;
  beforeAll(async () => {
    fixture = await openHostileFixture(backend);
  });
  afterAll(async () => {
    fixture.report('hostile-bodies');
    await fixture.close();
  });

  it('knows the kind of every body field of every write route', () => {
    const fields = routesCoveredBy()
      .filter((name) => isWrite(ROUTES[name]))
      .flatMap(bodyFields);
    expect(fields.filter((field) => !(field in FIELD_KINDS))).toEqual([]);
  });

  it.each(routesCoveredBy())('%s: refused cleanly, nothing written', async (name) => {
    const route = await fixture.prepare(name);
    const before = await fixture.state();
    const request = (input: HostileBody): RawRequest => ({
      method: route.method,
      path: route.path(),
      headers: [...validHeaders(route), ['Content-Type', input.contentType]],
      body: input.body,
    });
    const kind = route.write ? 'write' : 'read';
    for (const input of regressionBodies(route.fields, route.template))
      await fixture.attempt(`${kind}: ${input.family}`, request(input), route.write);
    for (const [family, bodies] of bodyFamilies(route.fields, route.template)) {
      await fc.assert(
        fc.asyncProperty(bodies, async (input) => {
          await fixture.attempt(`${kind}: ${family}`, request(input), route.write);
        }),
        { numRuns: BUDGET.runsPerFamily.bodies, seed: seedFor(name, family) },
      );
    }
    expect(await fixture.state()).toEqual(before);
    await fixture.acceptsTemplate(route);
  });

  it('leaves no secret in the store, the logs or a response', () =>
    fixture.scanSecrets('hostile-bodies'));
});
