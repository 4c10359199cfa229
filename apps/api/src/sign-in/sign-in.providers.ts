import type { Provider } from '@nestjs/common';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { isRole } from '@account-ops/accounts';
import type { Clock } from '@account-ops/engine';
import type { TransactionalEventStore } from '@account-ops/event-store';
import type { ApiAppOptions } from '../app/api-options';
import { API_CLOCK, EVENT_STORE } from '../app/tokens';
import { ApiError } from '../http/problem';
import { ConsoleSignIn } from './console-sign-in';
import { PERSON_VERIFIER, type PersonVerifier } from './person-verifier';
import { CONSOLE_SIGN_IN } from './sign-in.controller';

/** INTERIM until issue-23's bearer-token verifier is merged: jose against the issuer's JWKS. */
function interimVerifier(signIn: ConsoleSignIn): PersonVerifier {
  let jwks: ReturnType<typeof createRemoteJWKSet> | undefined;
  return async (token) => {
    const oidc = signIn.options.oidc;
    if (!oidc) throw new ApiError(401, 'UNAUTHENTICATED', 'No identity provider.');
    const doc = (await (await fetch(`${oidc.issuer}/.well-known/openid-configuration`)).json()) as {
      jwks_uri: string;
    };
    jwks ??= createRemoteJWKSet(new URL(doc.jwks_uri));
    const { payload } = await jwtVerify(token, jwks, {
      issuer: oidc.issuer,
      ...(oidc.audience ? { audience: oidc.audience } : {}),
      algorithms: ['RS256', 'PS256', 'ES256', 'EdDSA'],
    }).catch(() => {
      throw new ApiError(401, 'UNAUTHENTICATED', 'The access token is not valid.');
    });
    const roles = (Array.isArray(payload.roles) ? payload.roles : []).filter(isRole);
    if (roles.length === 0) throw new ApiError(403, 'FORBIDDEN', 'No role.');
    return {
      actor: { id: String(payload.sub), roles },
      identity: {
        method: 'oidc',
        ...(typeof payload.auth_time === 'number' ? { authTime: payload.auth_time } : {}),
        ...(typeof payload.acr === 'string' ? { acr: payload.acr } : {}),
        ...(Array.isArray(payload.amr) ? { amr: payload.amr as string[] } : {}),
      },
    };
  };
}

/** The console's sign-in over the app's store and clock. */
export function signInProviders(options: ApiAppOptions): Provider[] {
  return [
    {
      provide: CONSOLE_SIGN_IN,
      inject: [EVENT_STORE, API_CLOCK],
      useFactory: (store: TransactionalEventStore, clock: Clock) =>
        new ConsoleSignIn(options.consoleSignIn ?? { apiKeys: false }, store, clock),
    },
    {
      provide: PERSON_VERIFIER,
      inject: [CONSOLE_SIGN_IN],
      useFactory: (signIn: ConsoleSignIn): PersonVerifier => interimVerifier(signIn),
    },
  ];
}
