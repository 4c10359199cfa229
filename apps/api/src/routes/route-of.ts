import type { ExecutionContext } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import { ApiError } from '../http/problem';
import { ROUTE_NAME } from './endpoint.decorator';
import { ROUTES, type RouteName, type RouteSpec } from './route-table';

/**
 * The ROUTES entry of the handler a request reached. A handler without one is refused
 * (fail closed): every guard asks this first.
 */
export function routeOf(reflector: Reflector, context: ExecutionContext): RouteSpec {
  const name = reflector.get<RouteName | undefined>(ROUTE_NAME, context.getHandler());
  if (name === undefined || !Object.hasOwn(ROUTES, name)) {
    throw new ApiError(403, 'FORBIDDEN', 'This operation is not open to callers.');
  }
  return ROUTES[name];
}
