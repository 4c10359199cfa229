import { type DynamicModule, Module } from '@nestjs/common';
import { accountConfig } from '@account-ops/accounts';
import {
  ACCOUNT_OPS,
  AccountOpsModule,
  DEVELOPMENT_SEARCH_KEY,
  type AccountOps,
  LockingStepUpVerifier,
  StepUpLockout,
  systemClock,
  TotpStepUpVerifier,
  type AccountOpsModuleOptions,
} from '@account-ops/engine';
import type { TransactionalEventStore } from '@account-ops/event-store';
import { ApiKeyRing } from '../auth/api-keys';
import { DEFAULT_MAX_QUEUED_COMMANDS } from '../limits/load-shedding';
import { API_KEY_RING, CALLER_IDENTIFIER } from '../auth/api-key.guard';
import { CallerIdentifier } from '../auth/caller';
import { OidcTokenVerifier } from '../auth/oidc/oidc-token-verifier';
import { lookUpSession } from '../auth/session-caller';
import type { ConsoleSignIn } from '../sign-in/console-sign-in';
import { consoleSignInProvider } from '../sign-in/sign-in.providers';
import { CONSOLE_SIGN_IN } from '../sign-in/sign-in.tokens';
import { CommandSender } from '../commands/command-sender';
import { logNotificationSender } from '../observability/log-notification-sender';
import { accountContacts } from '../notifications/account-contacts';
import { smtpNotificationSender } from '../notifications/smtp-notification-sender';
import { API_METRICS } from '../observability/metrics';
import { lockoutEvents } from '../step-up/step-up-lockout-events';
import type { ApiAppOptions, ApiRuntime } from './api-options';
import { StoreModule } from './store.module';
import {
  API_ACCOUNT_CONFIG,
  API_AUTHENTICATION_CLOCK,
  API_CLOCK,
  API_SETTINGS,
  EVENT_STORE,
  SECOND_FACTOR_ACTORS,
  STEP_UP_LOCKOUT,
} from './tokens';

const BIND_ENGINE = Symbol('BIND_ENGINE');

/**
 * Global: the store, the engine (AccountOpsModule with its CommandBus), the clock, the
 * key ring, metrics and the CommandSender — everything a feature module (such as the
 * read models to come) may inject.
 */
@Module({})
export class CoreModule {
  static forRoot(options: ApiAppOptions, runtime: ApiRuntime): DynamicModule {
    const clock = options.clock ?? systemClock;
    const authenticationClock = options.authenticationClock ?? clock;
    const keys = new ApiKeyRing(options.apiKeys);
    // The e-mail sender looks customers up through the engine it is given to: bound below.
    const bound: { current?: AccountOps } = {};
    const notificationSender =
      options.notificationSender ??
      (options.smtp
        ? smtpNotificationSender({
            ...options.smtp,
            contacts: accountContacts(() => bound.current),
          })
        : logNotificationSender(runtime.logger));
    const store = StoreModule.forRoot(options.store, clock, options.readStore);
    const engine = AccountOpsModule.forRootAsync({
      imports: [store],
      inject: [EVENT_STORE],
      useFactory: (opened: TransactionalEventStore): AccountOpsModuleOptions => ({
        store: opened,
        cardFingerprintSecret: options.cardFingerprintSecret,
        searchKey: options.searchKey ?? DEVELOPMENT_SEARCH_KEY,
        ...(options.keyProvider ? { keyProvider: options.keyProvider } : {}),
        clock,
        authenticationClock,
        ...(options.accountConfig ? { config: options.accountConfig } : {}),
        ...(options.retry ? { retry: options.retry } : {}),
        // Used codes and wrong ones are remembered in the store: refused again after a
        // restart and by every other instance on the same store.
        stepUpVerifier: new LockingStepUpVerifier(
          new TotpStepUpVerifier({ secrets: options.totpSecrets ?? new Map(), usedSteps: opened }),
          new StepUpLockout(opened, options.stepUpLockout),
          lockoutEvents(runtime),
        ),
        notificationSender,
        onClockStepBack: (stepBack) =>
          runtime.logger.warn(stepBack, 'clock stepped back: events stamped with the last time'),
        deadlines: options.deadlines ?? { intervalMs: 1000 },
        ...(options.maxQueuedCommands !== false
          ? { maxQueuedCommands: options.maxQueuedCommands ?? DEFAULT_MAX_QUEUED_COMMANDS }
          : {}),
      }),
    });
    return {
      module: CoreModule,
      global: true,
      imports: [store, engine],
      providers: [
        { provide: API_CLOCK, useValue: clock },
        { provide: API_AUTHENTICATION_CLOCK, useValue: authenticationClock },
        { provide: API_METRICS, useValue: runtime.metrics },
        { provide: API_KEY_RING, useValue: keys },
        consoleSignInProvider(options),
        {
          provide: CALLER_IDENTIFIER,
          inject: [CONSOLE_SIGN_IN],
          useFactory: (signIn: ConsoleSignIn) =>
            new CallerIdentifier(
              keys,
              options.oidc
                ? new OidcTokenVerifier(options.oidc, () => authenticationClock.now())
                : undefined,
              (request) => lookUpSession(request, signIn),
            ),
        },
        { provide: API_ACCOUNT_CONFIG, useValue: accountConfig(options.accountConfig) },
        { provide: API_SETTINGS, useValue: options.settings ?? null },
        {
          provide: SECOND_FACTOR_ACTORS,
          useValue: new Set(options.totpSecrets?.keys() ?? []),
        },
        {
          provide: STEP_UP_LOCKOUT,
          inject: [EVENT_STORE],
          useFactory: (opened: TransactionalEventStore) =>
            new StepUpLockout(opened, options.stepUpLockout),
        },
        CommandSender,
        {
          provide: BIND_ENGINE,
          inject: [ACCOUNT_OPS],
          useFactory: (ops: AccountOps) => (bound.current = ops) && true,
        },
      ],
      exports: [
        StoreModule,
        AccountOpsModule,
        API_CLOCK,
        API_AUTHENTICATION_CLOCK,
        API_METRICS,
        API_KEY_RING,
        CALLER_IDENTIFIER,
        CONSOLE_SIGN_IN,
        API_ACCOUNT_CONFIG,
        API_SETTINGS,
        SECOND_FACTOR_ACTORS,
        STEP_UP_LOCKOUT,
        CommandSender,
      ],
    };
  }
}
