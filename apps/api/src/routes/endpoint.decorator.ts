import {
  applyDecorators,
  Delete,
  Get,
  HttpCode,
  Patch,
  Post,
  Put,
  SetMetadata,
  type Type,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiHeader,
  ApiOperation,
  ApiParam,
  ApiResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { ID_PATTERN } from '@account-ops/accounts';
import { ProblemSchema } from '../openapi/problem.schema';
import { isWrite, ROUTES, type HttpMethod, type RouteName, type RouteSpec } from './route-table';

/** Metadata key under which a handler records its route's name; the guard reads it. */
export const ROUTE_NAME = 'account-ops:route';

export const BEARER_SCHEME = 'api-key';

const METHODS: { readonly [M in HttpMethod]: (path: string) => MethodDecorator } = {
  GET: Get,
  POST: Post,
  PUT: Put,
  PATCH: Patch,
  DELETE: Delete,
};

const ERROR_STATUSES = [400, 401, 403, 404, 409, 413, 422, 429, 503] as const;
/** Only writes conflict, carry a body or are shed under load. */
const WRITE_ONLY_STATUSES: ReadonlySet<number> = new Set([409, 413, 503]);

const RETRY_AFTER = {
  'Retry-After': {
    description: 'Seconds to wait before retrying (the same Idempotency-Key, for a write).',
    schema: { type: 'integer', minimum: 1 },
  },
};

const ERROR_DESCRIPTIONS: Readonly<Record<number, string>> = {
  429: 'application/problem+json, code RATE_LIMITED: too many requests for this key (or without a valid key from this address)',
  503: 'application/problem+json, code OVERLOADED: too many commands in flight, nothing was written',
};

function describeRoles(route: RouteSpec): string {
  const who = route.roles === 'public' ? 'public (no key)' : `roles: ${route.roles.join(', ')}`;
  return route.command ? `${who}. Sends \`${route.command}\`.` : `${who}.`;
}

function pathParams(path: string): MethodDecorator[] {
  return [...path.matchAll(/:(\w+)/g)].map(([, name]) =>
    ApiParam({ name: name!, schema: { type: 'string', pattern: ID_PATTERN.source } }),
  );
}

function errorResponses(route: RouteSpec): MethodDecorator[] {
  if (route.roles === 'public') return [];
  const statuses = ERROR_STATUSES.filter((s) => isWrite(route) || !WRITE_ONLY_STATUSES.has(s));
  return statuses.map((status) =>
    ApiResponse({
      status,
      description: ERROR_DESCRIPTIONS[status] ?? 'application/problem+json',
      content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemSchema) } } },
      ...(status === 429 || status === 503 ? { headers: RETRY_AFTER } : {}),
    }),
  );
}

/**
 * Under tsx (no decorator metadata) a handler whose DTO parameters did not record their
 * types (@ValidBody/@ValidQuery do) has none: its parameters are ids, headers and empty
 * bodies, each with a pipe of its own. An empty list says so, and stops Nest warning at
 * start-up that the global ValidationPipe cannot see their types.
 */
const declareParamTypes: MethodDecorator = (target, key) => {
  if (!Reflect.hasOwnMetadata('design:paramtypes', target, key)) {
    Reflect.defineMetadata('design:paramtypes', [], target, key);
  }
};

/**
 * Declares a handler from its ROUTES entry: method, path, status code, the route name the
 * guard checks roles with, and the OpenAPI operation (headers, bearer auth, problems).
 */
export function Endpoint(name: RouteName, response?: Type<unknown>): MethodDecorator {
  const route: RouteSpec = ROUTES[name];
  const decorators: MethodDecorator[] = [
    METHODS[route.method](route.path),
    HttpCode(route.status),
    SetMetadata(ROUTE_NAME, name),
    ApiOperation({ operationId: name, summary: route.summary, description: describeRoles(route) }),
    ApiTags(route.tag),
    ApiExtraModels(ProblemSchema),
    ...pathParams(route.path),
    ...errorResponses(route),
    ApiResponse({
      status: route.status,
      description: 'Success',
      ...(response ? { type: response } : {}),
    }),
  ];
  decorators.push(declareParamTypes);
  if (route.roles !== 'public') decorators.push(ApiBearerAuth(BEARER_SCHEME));
  if (isWrite(route)) {
    decorators.push(
      ApiHeader({
        name: 'Idempotency-Key',
        required: true,
        description:
          'Required on every write; 1–128 printable ASCII characters, scoped to your key’s actor. ' +
          'The same key and request return the original response; another request under it is a 422.',
        schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,128}$' },
      }),
    );
  }
  if (route.stepUp) {
    decorators.push(
      ApiHeader({
        name: 'X-Step-Up-Code',
        required: false,
        description:
          'Current TOTP code (RFC 6238, 6 digits) when the operation needs a second factor. A person with an OIDC access token needs none: a recent MFA sign-in is the second factor.',
        schema: { type: 'string', pattern: '^\\d{6}$' },
      }),
    );
  }
  return applyDecorators(...decorators);
}
