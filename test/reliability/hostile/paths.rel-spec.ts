import fc from 'fast-check';
import { routesCoveredBy } from '../harness/routes-awaiting-fixtures';
import { BUDGET, seedFor } from '../http/budget';
import type { RawRequest } from '../http/raw-http';
import { hostileSegment, type Segment } from './arbitraries/hostile-paths';
import {
  openHostileFixture,
  validHeaders,
  type HostileFixture,
  type RouteTarget,
} from './hostile-fixture';

jest.setTimeout(600_000);

/**
 * Generated hostile path parameters for every route that has them (and an extra hostile
 * segment for every route): malformed, overlong, surrogate and traversal percent-encoding,
 * SQL fragments, prototype names, ids of nothing. Each is refused cleanly; nothing changes.
 */
describe.each(BUDGET.backends)('hostile path parameters [%s]', (backend) => {
  let fixture: HostileFixture;
  beforeAll(async () => {
    fixture = await openHostileFixture(backend);
  });
  afterAll(async () => {
    fixture.report('hostile-paths');
    await fixture.close();
  });

  const request = (route: RouteTarget, path: string): RawRequest => ({
    method: route.method,
    path,
    headers: [...validHeaders(route), ['Content-Type', 'application/json']],
    body: JSON.stringify(route.template),
  });

  it.each(routesCoveredBy())('%s: refused cleanly, nothing written', async (name) => {
    const route = await fixture.prepare(name);
    const before = await fixture.state();
    for (const param of route.params) {
      const segments = hostileSegment.filter((s: Segment) => s.decoded !== route.ids[param]);
      await fc.assert(
        fc.asyncProperty(segments, async (segment) => {
          const path = route.path({ [param]: segment.wire });
          await fixture.attempt(`parameter ${param}`, request(route, path), true);
        }),
        { numRuns: BUDGET.runsPerFamily.paths, seed: seedFor(name, param) },
      );
    }
    // A segment after the route's own: no route matches it (an empty one would: left out).
    const extra = hostileSegment.filter((s) => s.wire !== '' && s.decoded !== '');
    await fc.assert(
      fc.asyncProperty(extra, async (segment) => {
        await fixture.attempt(
          'extra segment',
          request(route, `${route.path()}/${segment.wire}`),
          true,
        );
      }),
      { numRuns: BUDGET.runsPerFamily.paths, seed: seedFor(name, 'extra') },
    );
    expect(await fixture.state()).toEqual(before);
    await fixture.acceptsTemplate(route);
  });

  it('leaves no secret in the store, the logs or a response', () =>
    fixture.scanSecrets('hostile-paths'));
});
