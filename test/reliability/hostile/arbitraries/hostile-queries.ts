import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { getMetadataStorage } from 'class-validator';
import fc from 'fast-check';
import {
  ACCOUNT_STATUSES,
  EVENT_TYPES,
  FREEZE_REASONS,
  ID_PATTERN,
  REFUND_STATUSES,
} from '@account-ops/accounts';
import { CONTROLLERS } from '../../../../apps/api/src/app/api.module';
import { ROUTE_NAME } from '../../../../apps/api/src/routes/endpoint.decorator';
import type { RouteName } from '../../../../apps/api/src/routes/route-table';
import {
  hostileString,
  INJECTIONS,
  percentEncode,
  PROTOTYPE_KEYS,
  UNICODE_EDGES,
} from './hostile-text';

const QUERY = 4; // RouteParamtypes.QUERY

/** The query parameters a route's DTO declares (none: the route ignores its query string). */
export function queryFields(route: RouteName): string[] {
  for (const controller of CONTROLLERS) {
    const proto = controller.prototype as unknown as Record<string, object>;
    for (const key of Object.getOwnPropertyNames(proto)) {
      if (Reflect.getMetadata(ROUTE_NAME, proto[key]!) !== route) continue;
      const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, key) ?? {}) as Record<
        string,
        { index: number }
      >;
      const types = Reflect.getMetadata('design:paramtypes', proto, key) as unknown[];
      const query = Object.entries(args).find(([id]) => Number(id.split(':')[0]) === QUERY);
      if (!query) return [];
      const dto = types[query[1].index] as new () => object;
      const metadata = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
      return [...new Set(metadata.map((m) => m.propertyName))];
    }
  }
  throw new Error(`no handler for route ${route}`);
}

/**
 * `int`: a bounded count (limits, versions); `size`: any positive safe integer (tree sizes,
 * delivery ids), so 2^31 is valid there; `position`: a global position (`42` or `1/2`).
 */
type QueryKind = 'int' | 'size' | 'instant' | 'id' | 'enum' | 'position';

/** Every query parameter of every route and its kind; a test fails when a DTO gains one. */
export const QUERY_KINDS: Readonly<Record<string, QueryKind>> = {
  fromVersion: 'int',
  limit: 'int',
  atVersion: 'int',
  olderThanSeconds: 'int',
  asOf: 'instant',
  from: 'instant',
  to: 'instant',
  accountId: 'id',
  actor: 'id',
  type: 'enum',
  status: 'enum',
  freezeReason: 'enum',
  after: 'position',
  eventId: 'id',
  treeSize: 'size',
  before: 'size',
};

/** Where one route's parameter is of another kind than the same name elsewhere. */
const ROUTE_QUERY_KINDS: Readonly<Partial<Record<RouteName, Readonly<Record<string, QueryKind>>>>> =
  {
    // Tree sizes here; instants in the audit filters.
    consistencyProof: { from: 'size', to: 'size' },
  };

/** The kind of a route's query parameter (undefined: a parameter this suite does not know). */
export const queryKind = (route: RouteName, name: string): QueryKind | undefined =>
  ROUTE_QUERY_KINDS[route]?.[name] ?? QUERY_KINDS[name];

const ENUMS = new Set<string>([
  ...EVENT_TYPES,
  ...REFUND_STATUSES,
  ...ACCOUNT_STATUSES,
  ...FREEZE_REASONS,
]);

/** Left as they are by the query parser, and valid for no parameter kind but ids ("..", "%zz"). */
const PERCENT_JUNK = ['%', '%zz', '%C0%AF', '%ED%A0%80', '%00', '%2e%2e', '%26%3d'];

const everywhere = fc.oneof(fc.constantFrom(...INJECTIONS, ...UNICODE_EDGES, ''), hostileString);

/** Values the parameter's kind never accepts, whichever route declares it. */
function refusedQueryValue(kind: QueryKind): fc.Arbitrary<string> {
  switch (kind) {
    case 'size':
      return refusedQueryValue('int').filter((v) => v !== '2147483648');
    case 'int':
      return fc.oneof(
        fc.constantFrom(
          '-1',
          '1.5',
          '1e3',
          '0x10',
          ' 1',
          '+1',
          'NaN',
          'Infinity',
          '99999999999999999',
          '9007199254740993',
          '2147483648',
          '١٢٣',
          '１',
        ),
        everywhere.filter((v) => !/^\d+$/.test(v)),
      );
    case 'instant':
      return fc.oneof(
        fc.constantFrom(
          '2026-02-30T00:00Z',
          '2026-13-01T00:00:00Z',
          '2026-03-02T25:00Z',
          '2026-03-02T09:00:00',
          '+275760-09-13T00:00:00Z',
          '1700000000',
          'yesterday',
        ),
        everywhere.filter((v) => !/^\d{4}-\d{2}-\d{2}/.test(v)),
      );
    case 'id':
      return fc
        .oneof(fc.constantFrom('a'.repeat(129), "acc-1' OR '1'='1", 'acc-1;--'), everywhere)
        .filter((v) => !ID_PATTERN.test(v));
    case 'enum':
      return fc
        .oneof(fc.constantFrom('Requested', 'requested ', 'FROZEN'), everywhere)
        .filter((v) => !ENUMS.has(v));
    case 'position':
      return fc.oneof(
        fc.constantFrom(
          '-1',
          '1/2/3',
          '1.5',
          '99999999999999999999',
          '9223372036854775808',
          '1/9223372036854775808',
        ),
        everywhere.filter((v) => !/^\d/.test(v)),
      );
  }
}

const pair = (name: string, value: string) => `${percentEncode(name)}=${percentEncode(value)}`;

/** A query string the route's DTO must refuse: one bad value, an unknown or repeated name. */
export function refusedQuery(route: RouteName, fields: readonly string[]): fc.Arbitrary<string> {
  const named = fc.constantFrom(...fields);
  return fc.oneof(
    named.chain((name) =>
      refusedQueryValue(queryKind(route, name)!).map((value) => pair(name, value)),
    ),
    named
      .filter((name) => queryKind(route, name) !== 'id')
      .chain((name) => fc.constantFrom(...PERCENT_JUNK).map((junk) => `${name}=${junk}`)),
    fc
      .tuple(
        fc.oneof(
          fc.constantFrom(
            ...PROTOTYPE_KEYS,
            'limit ',
            'LIMIT',
            'limit[]',
            'limit[a]',
            'sort',
            'where',
          ),
          hostileString,
        ),
        everywhere,
      )
      .filter(([name]) => !fields.includes(name) && name !== '')
      .map(([name, value]) => pair(name, value)),
    // Repeated: parsed as an array, which no parameter is.
    named.map((name) => `${name}=1&${name}=1`),
  );
}

/** Any query string: for routes that take none, which must ignore or refuse it, never fail. */
export const anyQuery: fc.Arbitrary<string> = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS), hostileString), everywhere), {
    minLength: 1,
    maxLength: 4,
  })
  .map((pairs) => pairs.map(([name, value]) => pair(name, value)).join('&'));

/** Query strings that once got past a DTO (positions beyond 64 bits were a 500): sent every run. */
export function regressionQueries(fields: readonly string[]): string[] {
  const all = [
    ['after', '99999999999999999999'],
    ['after', '9223372036854775808'],
    ['after', '1/9223372036854775808'],
    ['limit', '9007199254740993'],
    ['fromVersion', '99999999999999999999'],
    ['olderThanSeconds', '-0'],
  ] as const;
  return [
    ...all.filter(([name]) => fields.includes(name)).map(([name, value]) => `${name}=${value}`),
    'prototype=1',
    '__proto__[x]=1',
    'constructor=1',
  ];
}
