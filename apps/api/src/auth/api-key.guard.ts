import {
  type CanActivate,
  type ExecutionContext,
  Inject,
  Injectable,
  Optional,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { hasAnyRole } from '@account-ops/accounts';
import { ApiError } from '../http/problem';
import { routeOf } from '../routes/route-of';
import { CallerIdentifier, refusalReason, type CallerRefusal } from './caller';
import { requestOf } from './request-context';
import type { ConsoleSignIn } from '../sign-in/console-sign-in';
import { CONSOLE_SIGN_IN } from '../sign-in/sign-in.tokens';

/** Provider token for the app's ApiKeyRing. */
export const API_KEY_RING = Symbol('API_KEY_RING');
/** Provider token for the app's CallerIdentifier (API keys and, when configured, OIDC). */
export const CALLER_IDENTIFIER = Symbol('CALLER_IDENTIFIER');

const REALM = 'Bearer realm="account-ops"';

const unauthenticated = (detail: string, tokenError = false) =>
  new ApiError(
    401,
    'UNAUTHENTICATED',
    detail,
    {},
    {
      // RFC 6750 §3: a presented but unusable access token is `invalid_token`.
      'WWW-Authenticate': tokenError ? `${REALM}, error="invalid_token"` : REALM,
    },
  );

/** The sentence the console shows when its session has ended, by why. */
const SESSION_ENDED: Readonly<Record<'idle' | 'absolute' | 'unknown', string>> = {
  idle: 'Your session ended after a period without activity. Sign in again.',
  absolute: 'Your session reached its maximum length. Sign in again.',
  unknown: 'Your session has ended. Sign in again.',
};

/** The refusal as problem+json: 401 for no usable credential, 403 for a token without a role, 503 when the provider is unreachable. */
export function refusalError(refusal: CallerRefusal, rolesClaim = 'roles'): ApiError {
  switch (refusal.kind) {
    case 'missing':
      return unauthenticated('Send Authorization: Bearer <api key or access token>.');
    case 'malformed':
      return unauthenticated('The Authorization header must be Bearer <api key or access token>.');
    case 'key':
      return unauthenticated(
        refusal.why === 'expired' ? 'The API key has expired.' : 'The API key is not valid.',
      );
    case 'session':
      return new ApiError(401, 'SESSION_ENDED', SESSION_ENDED[refusal.why], {
        details: { reason: refusal.why },
      });
    case 'csrf':
      return new ApiError(
        403,
        'CSRF_TOKEN_INVALID',
        'A write from a console session needs its X-CSRF-Token header, from this origin.',
      );
    case 'token':
      switch (refusal.why.kind) {
        case 'expired':
          return unauthenticated('The access token has expired.', true);
        case 'invalid':
          return unauthenticated('The access token is not valid.', true);
        case 'no_role':
          return new ApiError(
            403,
            'FORBIDDEN',
            'The access token grants no role of this service.',
            {
              details: { rule: 'roles_claim', claim: rolesClaim },
            },
          );
        case 'unavailable':
          return new ApiError(
            503,
            'IDENTITY_PROVIDER_UNAVAILABLE',
            'The access token cannot be checked now: the identity provider is unreachable. Retry later.',
            {},
            { 'Retry-After': '5' },
          );
      }
  }
}

/**
 * Authenticates `Authorization: Bearer <credential>` (an API key, or an OIDC access token
 * when an issuer is configured) and checks the caller's roles against the route's entry
 * in ROUTES. A handler without a route entry is refused (fail closed). The engine checks
 * the command's roles again; this gate keeps refused callers away from validation, the
 * store and the timing of either.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(CALLER_IDENTIFIER) private readonly callers: CallerIdentifier,
    @Optional() @Inject(CONSOLE_SIGN_IN) private readonly signIn?: ConsoleSignIn,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const route = routeOf(this.reflector, context);
    if (route.roles === 'public') return true;
    const request = requestOf(context);
    const caller = await this.callers.identify(request);
    if (caller.actor === undefined) {
      request.authRefusal = refusalReason(caller.refusal);
      if (caller.refusal.kind === 'session') {
        // The browser forgets the ended session's cookie.
        const response = context.switchToHttp().getResponse<Response>();
        this.signIn?.cookies.clear(response, this.signIn.cookies.session);
      }
      throw refusalError(caller.refusal, this.callers.oidc?.config.rolesClaim);
    }
    const actor = caller.actor;
    request.actor = actor;
    request.identity = caller.identity;
    if (!hasAnyRole(actor, route.roles)) {
      throw new ApiError(403, 'FORBIDDEN', 'Your roles do not allow this operation.', {
        details: { allowedRoles: [...route.roles], rule: 'route' },
      });
    }
    return true;
  }
}
