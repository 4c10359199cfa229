import { isWrite, ROUTES, type RouteName } from '../../../apps/api/src/routes/route-table';
import { ACTOR_OF_ROLE, keyOf, type ActorName } from '../../../apps/api/test/support/actors';
import { bodyFields } from '../../../apps/api/test/support/route-bodies';
import { seeder } from '../../../apps/api/test/support/seed';
import { nextOperatorCode } from '../../../apps/api/test/support/step-up';
import { WRITE_CASES } from '../../../apps/api/test/support/write-cases';
import { accessLogRows, databaseState, readModelsCaughtUp } from '../http/database-dump';
import { reportFigures } from '../harness/results';
import { ROUTE_FIXTURES } from '../harness/route-fixtures';
import { configuredSecrets, scanForLeaks } from '../http/leak-scan';
import { expectCleanRefusal } from '../http/problem-assertions';
import { sendRaw, type RawRequest, type RawResponse } from '../http/raw-http';
import { startApi, type ReliabilityApi } from '../http/reliability-api';
import { createStoreTarget, type Backend, type StoreTarget } from '../http/store-target';
import { Tally } from './tally';

/**
 * What a hostile request to one route starts from: an account of its own brought to the
 * state where the route's valid request succeeds (the e2e write cases' setups), the caller
 * that request needs, and its body. Each hostile input breaks one thing in it, so a
 * refusal is owed to that thing; `acceptsTemplate` proves it at the end of each route.
 */
export interface RouteTarget {
  readonly name: RouteName;
  readonly method: string;
  readonly accountId: string;
  readonly params: readonly string[];
  readonly actor: ActorName | null;
  readonly fields: readonly string[];
  readonly template: Readonly<Record<string, unknown>>;
  readonly write: boolean;
  /** The valid request carries the operator's next TOTP code (a card change: SPEC §3). */
  readonly secondFactor: boolean;
  /** The id each path parameter has in the valid request. */
  readonly ids: Readonly<Record<string, string>>;
  /** The route's path with the seeded ids, or with `replace` for some parameters. */
  path(replace?: Readonly<Record<string, string>>): string;
  /** The valid request's path and query. */
  url(): string;
}

/** The ids a route's valid request uses, by path parameter. */
const seededIds = (accountId: string): Readonly<Record<string, string>> => ({
  ':id': accountId,
  ':topUpId': 'tu-1',
  ':refundId': 'rf-1',
  ':reason': 'manual',
  ':actorId': 'op-1',
});

/** Reads that take a body (the query kept out of the URL): their valid body. */
const READ_BODIES: Partial<Record<RouteName, (accountId: string) => Record<string, unknown>>> = {
  searchAccounts: (accountId) => ({ query: accountId }),
};

/**
 * Sets up the route's own account (`h-<route>`), and the resources its fixture makes when it
 * has one (harness/route-fixtures.ts), and describes its valid request.
 */
async function prepareRoute(api: ReliabilityApi, name: RouteName): Promise<RouteTarget> {
  const route = ROUTES[name];
  const accountId = `h-${name}`;
  const writeCase = WRITE_CASES.find((c) => c.route === name);
  const prepareFixture = ROUTE_FIXTURES[name];
  const fixture = prepareFixture ? await prepareFixture(api, accountId) : undefined;
  if (writeCase) await writeCase.setup(seeder(api), accountId);
  else if (!fixture && route.roles !== 'public') await seeder(api).ready(accountId, 100_000);
  const actor: ActorName | null =
    fixture?.actor ??
    writeCase?.by ??
    (route.roles === 'public' ? null : ACTOR_OF_ROLE[route.roles[0]!]);
  const ids = { ...seededIds(accountId), ...fixture?.ids };
  const path = (replace: Readonly<Record<string, string>> = {}) =>
    route.path.replace(/:\w+/g, (param) => replace[param] ?? ids[param]!);
  return {
    name,
    method: route.method,
    accountId,
    params: route.path.match(/:\w+/g) ?? [],
    actor,
    fields: isWrite(route) ? bodyFields(name) : [],
    template: fixture?.body ?? writeCase?.body?.(accountId) ?? READ_BODIES[name]?.(accountId) ?? {},
    write: isWrite(route),
    secondFactor: writeCase?.secondFactor === true,
    ids,
    path,
    url: () => (fixture?.query ? `${path()}?${fixture.query}` : path()),
  };
}

let keys = 0;
/** Authorization and a fresh Idempotency-Key, as a well-behaved client of the route sends them. */
export function validHeaders(target: RouteTarget): Array<[string, string]> {
  const headers: Array<[string, string]> = [];
  if (target.actor) headers.push(['Authorization', `Bearer ${keyOf(target.actor)}`]);
  if (target.write) headers.push(['Idempotency-Key', `hostile-${++keys}`]);
  return headers;
}

export interface HostileFixture {
  readonly api: ReliabilityApi;
  readonly tally: Tally;
  prepare(name: RouteName): Promise<RouteTarget>;
  /** The route's valid request, sent last: it must succeed, or the refusals proved nothing. */
  acceptsTemplate(target: RouteTarget): Promise<void>;
  /**
   * Sends `request` and checks what every hostile input owes: no 5xx, a clean problem
   * document whenever refused (always, when `mustRefuse`), and no new event (counted in SQL).
   */
  attempt(family: string, request: RawRequest, mustRefuse: boolean): Promise<RawResponse>;
  /** Every table (events, records, read models, checkpoints) as it is now. */
  state(): Promise<unknown>;
  /** Fails if any secret got into the store, the logs or a response; reports what was scanned. */
  scanSecrets(name: string): Promise<void>;
  /** Reports the tally under `name` (printed, and kept in test/reliability/results). */
  report(name: string): void;
  close(): Promise<void>;
}

export async function openHostileFixture(backend: Backend): Promise<HostileFixture> {
  const target: StoreTarget = await createStoreTarget(backend);
  const api = await startApi(target);
  const tally = new Tally();
  const events = () => target.eventCount();
  return {
    api,
    tally,
    prepare: (name) => prepareRoute(api, name),
    acceptsTemplate: async (route) => {
      const stepUp: Array<[string, string]> = route.secondFactor
        ? [['X-Step-Up-Code', await nextOperatorCode(api)]]
        : [];
      const res = await sendRaw(api.server, {
        method: route.method,
        path: route.url(),
        headers: [...validHeaders(route), ...stepUp, ['Content-Type', 'application/json']],
        body: JSON.stringify(route.template),
      });
      expect({ route: route.name, status: res.status < 300 ? 'success' : res.text }).toEqual({
        route: route.name,
        status: 'success',
      });
    },
    attempt: async (family, request, mustRefuse) => {
      const before = await events();
      const reads = await accessLogRows(target);
      const res = await sendRaw(api.server, request);
      api.capture.received.push({
        status: res.status,
        headers: JSON.stringify(res.headers),
        body: res.text,
      });
      tally.record(family, res.status);
      const label = `${family}: ${request.method} ${request.path}`;
      if (mustRefuse || res.status >= 400) expectCleanRefusal(res, label);
      expect({ label, events: await events() }).toEqual({ label, events: before });
      // A refused read revealed nothing: the read-access log records only what left.
      if (res.status >= 400) {
        expect({ label, reads: await accessLogRows(target) }).toEqual({ label, reads });
      }
      return res;
    },
    state: async () => {
      // Compare settled read models: catch up until every stored event is projected
      // (bounded; each round is a catch-up query, not a wait).
      for (let round = 0; round < 100; round++) {
        await api.models.catchUp();
        if (await readModelsCaughtUp(target)) break;
      }
      return databaseState(target);
    },
    scanSecrets: async (name) => {
      const report = await scanForLeaks(target, api.capture, configuredSecrets());
      reportFigures(`secrets-after-${name}-${backend}`, { ...report.scanned, found: report.found });
      expect(report.found).toEqual([]);
    },
    report: (name) => reportFigures(`${name}-${backend}`, tally.figures()),
    close: async () => {
      await api.close();
      await target.dispose();
    },
  };
}
