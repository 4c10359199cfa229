import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { hasAnyRole } from '@account-ops/accounts';
import { ApiError } from '../http/problem';
import { routeOf } from '../routes/route-of';
import { CONSOLE_SIGN_IN } from '../sign-in/sign-in.controller';
import type { ConsoleSignIn } from '../sign-in/console-sign-in';
import { ApiKeyRing } from './api-keys';
import { identifyCaller } from './caller';
import { requestOf } from './request-context';
import { sessionPerson } from './session-caller';

/** Provider token for the app's ApiKeyRing. */
export const API_KEY_RING = Symbol('API_KEY_RING');

const unauthenticated = (detail: string) =>
  new ApiError(
    401,
    'UNAUTHENTICATED',
    detail,
    {},
    { 'WWW-Authenticate': 'Bearer realm="account-ops"' },
  );

/**
 * Authenticates `Authorization: Bearer <key>` against the configured keys and checks the
 * caller's roles against the route's entry in ROUTES. A handler without a route entry is
 * refused (fail closed). The engine checks the command's roles again; this gate keeps
 * refused callers away from validation, the store and the timing of either.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(API_KEY_RING) private readonly keys: ApiKeyRing,
    @Inject(CONSOLE_SIGN_IN) private readonly signIn: ConsoleSignIn,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const route = routeOf(this.reflector, context);
    if (route.roles === 'public') return true;
    const request = requestOf(context);
    let caller = identifyCaller(request, this.keys);
    // No Authorization header: the console's session cookie, if any (sign-in/).
    if (caller.actor === undefined && caller.refusal === 'missing') {
      const response = context.switchToHttp().getResponse<Response>();
      const person = await sessionPerson(request, response, this.signIn);
      if (person) caller = { actor: person.actor };
    }
    if (caller.actor === undefined) {
      throw unauthenticated(
        caller.refusal === 'missing'
          ? 'Send Authorization: Bearer <api key>.'
          : caller.refusal === 'expired'
            ? 'The API key has expired.'
            : 'The API key is not valid.',
      );
    }
    const actor = caller.actor;
    request.actor = actor;
    if (!hasAnyRole(actor, route.roles)) {
      throw new ApiError(403, 'FORBIDDEN', 'Your roles do not allow this operation.', {
        details: { allowedRoles: [...route.roles], rule: 'route' },
      });
    }
    return true;
  }
}
