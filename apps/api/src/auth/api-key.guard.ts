import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { hasAnyRole } from '@account-ops/accounts';
import { ApiError } from '../http/problem';
import { routeOf } from '../routes/route-of';
import { CallerIdentifier, refusalReason, type CallerRefusal } from './caller';
import { requestOf } from './request-context';

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
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const route = routeOf(this.reflector, context);
    if (route.roles === 'public') return true;
    const request = requestOf(context);
    const caller = await this.callers.identify(request);
    if (caller.actor === undefined) {
      request.authRefusal = refusalReason(caller.refusal);
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
