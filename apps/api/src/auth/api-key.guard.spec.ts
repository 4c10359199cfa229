import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { INTEGRATION_ROLES, ROLES, type Role } from '@account-ops/accounts';
import { ApiError } from '../http/problem';
import { ROUTE_NAME } from '../routes/endpoint.decorator';
import { ROUTE_NAMES, ROUTES, type RouteName } from '../routes/route-table';
import { ApiKeyGuard } from './api-key.guard';
import { ApiKeyRing } from './api-keys';
import { CallerIdentifier } from './caller';
import type { ApiRequest } from './request-context';

// SPEC Actors: the deprecated `system` holds every integration role for one release.
const allowedRole = (roles: readonly Role[], role: Role): boolean =>
  roles.includes(role) ||
  (role === 'system' && roles.some((r) => (INTEGRATION_ROLES as readonly Role[]).includes(r)));

const keyOf = (role: string) => `key-for-${role}-0123456789`;
const ring = new ApiKeyRing(
  ROLES.map((role) => ({ key: keyOf(role), actor: { id: role, roles: [role] } })),
);
const guard = new ApiKeyGuard(new Reflector(), new CallerIdentifier(ring));

function contextFor(route: RouteName | undefined, authorization?: string) {
  const handler = () => undefined;
  if (route) Reflect.defineMetadata(ROUTE_NAME, route, handler);
  const request = { headers: authorization === undefined ? {} : { authorization } } as ApiRequest;
  const context = {
    getHandler: () => handler,
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
  return { context, request };
}

async function refusal(
  run: () => Promise<unknown>,
): Promise<{ status: number; code: string } | undefined> {
  try {
    await run();
    return undefined;
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return { status: error.problem.status, code: error.problem.code };
  }
}

describe('ApiKeyGuard', () => {
  it('lets public routes through without a key', async () => {
    expect(await guard.canActivate(contextFor('health').context)).toBe(true);
  });

  it.each([
    undefined,
    '',
    'Basic abc',
    'Bearer',
    'Bearer nope-nope-nope-nope',
    `bearer  ${keyOf('x')}`,
  ])('answers 401 for Authorization %j', async (header) => {
    const problem = await refusal(() =>
      guard.canActivate(contextFor('getAccount', header).context),
    );
    expect(problem).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
  });

  it('accepts the scheme in any case and sets the actor', async () => {
    const { context, request } = contextFor('getAccount', `bearer ${keyOf('auditor')}`);
    expect(await guard.canActivate(context)).toBe(true);
    expect(request.actor).toEqual({ id: 'auditor', roles: ['auditor'] });
    expect(request.identity).toEqual({ method: 'api_key' });
  });

  const cases = ROUTE_NAMES.flatMap((name) => {
    const roles = ROUTES[name].roles;
    return roles === 'public'
      ? []
      : ROLES.map((role) => [name, role, allowedRole(roles, role)] as const);
  });

  it.each(cases)('%s as %s: allowed = %s', async (name, role, allowed) => {
    const problem = await refusal(() =>
      guard.canActivate(contextFor(name, `Bearer ${keyOf(role)}`).context),
    );
    expect(problem).toEqual(allowed ? undefined : { status: 403, code: 'FORBIDDEN' });
  });

  it('refuses a handler that has no route entry (fail closed)', async () => {
    expect(
      await refusal(() =>
        guard.canActivate(contextFor(undefined, `Bearer ${keyOf('admin')}`).context),
      ),
    ).toEqual({
      status: 403,
      code: 'FORBIDDEN',
    });
  });
});
