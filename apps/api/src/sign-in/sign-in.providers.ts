import type { Provider } from '@nestjs/common';
import type { Clock } from '@account-ops/engine';
import type { TransactionalEventStore } from '@account-ops/event-store';
import type { ApiAppOptions } from '../app/api-options';
import { API_AUTHENTICATION_CLOCK, EVENT_STORE } from '../app/tokens';
import { CALLER_IDENTIFIER, refusalError } from '../auth/api-key.guard';
import type { CallerIdentifier } from '../auth/caller';
import { ApiError } from '../http/problem';
import { ConsoleSignIn } from './console-sign-in';
import { PERSON_VERIFIER, type PersonVerifier } from './person-verifier';
import { CONSOLE_SIGN_IN } from './sign-in.tokens';

/**
 * The console's sign-in over the app's store and its authentication clock (CoreModule: the
 * caller identifier needs it).
 */
export function consoleSignInProvider(options: ApiAppOptions): Provider {
  return {
    provide: CONSOLE_SIGN_IN,
    inject: [EVENT_STORE, API_AUTHENTICATION_CLOCK],
    useFactory: (store: TransactionalEventStore, clock: Clock) =>
      new ConsoleSignIn(options.consoleSignIn ?? { apiKeys: false }, store, clock),
  };
}

/**
 * A person's access token at sign-in, judged by the API's bearer-token verifier (the
 * same issuer, audience, algorithms, skew and role mapping as `Authorization: Bearer`).
 */
export const personVerifierProvider: Provider = {
  provide: PERSON_VERIFIER,
  inject: [CALLER_IDENTIFIER],
  useFactory:
    (callers: CallerIdentifier): PersonVerifier =>
    async (accessToken) => {
      if (!callers.oidc) {
        throw new ApiError(401, 'UNAUTHENTICATED', 'No identity provider is configured.');
      }
      const checked = await callers.oidc.verify(accessToken);
      if (checked.refusal) {
        throw refusalError({ kind: 'token', why: checked.refusal }, callers.oidc.config.rolesClaim);
      }
      const { actor, ...facts } = checked.identity;
      return { actor, identity: { method: 'oidc', ...facts } };
    },
};
