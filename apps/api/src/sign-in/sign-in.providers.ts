import type { Provider } from '@nestjs/common';
import type { Clock } from '@account-ops/engine';
import type { TransactionalEventStore } from '@account-ops/event-store';
import type { ApiAppOptions } from '../app/api-options';
import { API_CLOCK, EVENT_STORE } from '../app/tokens';
import { ApiError } from '../http/problem';
import { ConsoleSignIn } from './console-sign-in';
import { PERSON_VERIFIER, type PersonVerifier } from './person-verifier';
import { CONSOLE_SIGN_IN } from './sign-in.controller';

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
      useValue: (async () => {
        throw new ApiError(401, 'UNAUTHENTICATED', 'Person tokens are not accepted yet.');
      }) satisfies PersonVerifier,
    },
  ];
}
