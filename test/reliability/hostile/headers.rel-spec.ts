import fc from 'fast-check';
import { routesCoveredBy } from '../harness/routes-awaiting-fixtures';
import { generate } from 'otplib';
import { ROUTES } from '../../../apps/api/src/routes/route-table';
import { keyOf, OPERATOR_TOTP_SECRET } from '../../../apps/api/test/support/actors';
import { BUDGET, seedFor } from '../http/budget';
import type { RawRequest } from '../http/raw-http';
import { APPROVER_TOTP_SECRET } from '../http/reliability-api';
import {
  headerFamilies,
  stepUpCodes,
  type HeaderContext,
  type StepUpContext,
} from './arbitraries/hostile-headers';
import {
  openHostileFixture,
  validHeaders,
  type HostileFixture,
  type RouteTarget,
} from './hostile-fixture';

jest.setTimeout(600_000);

const codeAt = (secret: string, at: Date) =>
  generate({ secret, epoch: Math.floor(at.getTime() / 1000) });

/**
 * Generated hostile headers on every route: Authorization that names no key, malformed and
 * repeated Idempotency-Keys, X-Step-Up-Codes that are not the caller's current code,
 * encodings and framing the API does not speak, headers over 16 kB. Each must be refused
 * with a clean problem document and leave the store as it was.
 */
describe.each(BUDGET.backends)('hostile headers [%s]', (backend) => {
  let fixture: HostileFixture;
  beforeAll(async () => {
    fixture = await openHostileFixture(backend);
  });
  afterAll(async () => {
    fixture.report('hostile-headers');
    await fixture.close();
  });

  const wellFormed = (route: RouteTarget): RawRequest => ({
    method: route.method,
    path: route.url(),
    headers: [...validHeaders(route), ['Content-Type', 'application/json']],
    body: JSON.stringify(route.template),
  });

  /** The operator's version of a step-up route's request: without a code it is refused. */
  async function stepUpContext(route: RouteTarget): Promise<StepUpContext> {
    const now = fixture.api.clock.now();
    const around = [-30_000, 0, 30_000].map((ms) => new Date(now.getTime() + ms));
    const body =
      route.name === 'initiateTopUp' ? { ...route.template, amount: 2_000_000 } : route.template;
    return {
      request: {
        ...wellFormed(route),
        headers: [
          ['Authorization', `Bearer ${keyOf('operator')}`],
          ['Idempotency-Key', `step-up-${route.name}`],
          ['Content-Type', 'application/json'],
        ],
        body: JSON.stringify(body),
      },
      validCodes: await Promise.all(around.map((at) => codeAt(OPERATOR_TOTP_SECRET, at))),
      wrongCodes: await Promise.all([
        codeAt(APPROVER_TOTP_SECRET, now),
        codeAt(OPERATOR_TOTP_SECRET, new Date(now.getTime() - 600_000)),
        codeAt(OPERATOR_TOTP_SECRET, new Date(now.getTime() + 600_000)),
      ]),
    };
  }

  it.each(routesCoveredBy())('%s: refused cleanly, nothing written', async (name) => {
    const route = await fixture.prepare(name);
    const ctx: HeaderContext = {
      request: wellFormed(route),
      ...(route.actor ? { apiKey: keyOf(route.actor) } : {}),
      write: route.write,
    };
    const families = [...headerFamilies(ctx)];
    if (ROUTES[name].stepUp)
      families.push(['step-up code', stepUpCodes(await stepUpContext(route))]);
    const before = await fixture.state();
    for (const [family, requests] of families) {
      await fc.assert(
        fc.asyncProperty(requests, (request) =>
          fixture.attempt(family, request, true).then(() => undefined),
        ),
        { numRuns: BUDGET.runsPerFamily.headers, seed: seedFor(name, family) },
      );
    }
    expect(await fixture.state()).toEqual(before);
    await fixture.acceptsTemplate(route);
  });

  it('leaves no secret in the store, the logs or a response', () =>
    fixture.scanSecrets('hostile-headers'));
});
