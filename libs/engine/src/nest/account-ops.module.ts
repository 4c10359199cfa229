import { Module, type DynamicModule, type ModuleMetadata, type Provider } from '@nestjs/common';
import { CqrsModule, EventBus } from '@nestjs/cqrs';
import { AccountOpsRuntime, type AccountOpsModuleOptions } from './account-ops-runtime';
import { COMMAND_HANDLERS } from './command-handlers';
import type { AccountOpsReadModelsOptions } from './module-read-models';
import {
  ACCOUNT_OPS,
  ACCOUNT_OPS_MODULE_OPTIONS,
  ACCOUNT_OPS_READ_MODELS,
  ACCOUNT_OPS_STORE,
} from './tokens';

/** How the module is registered, beside the engine's own options. */
export interface AccountOpsModuleRegistration {
  /** Register the module globally: its tokens and the CommandBus are injectable everywhere. */
  readonly isGlobal?: boolean;
  /**
   * Open the read models (balance, audit, ops by default) on the engine's store and expose
   * them as `ACCOUNT_OPS_READ_MODELS`; `true` for the defaults. Unset: no read models.
   */
  readonly readModels?: true | AccountOpsReadModelsOptions;
}

/** `forRootAsync`: the engine's options from a factory with injected providers (e.g. `ConfigService`). */
export interface AccountOpsModuleAsyncOptions
  extends Pick<ModuleMetadata, 'imports'>, AccountOpsModuleRegistration {
  /** Tokens passed to `useFactory`, provided by `imports` (or global modules). */
  readonly inject?: unknown[];
  useFactory(...args: never[]): AccountOpsModuleOptions | Promise<AccountOpsModuleOptions>;
}

/**
 * The engine for NestJS services: registers one CQRS handler per account command, exposes
 * the engine as `ACCOUNT_OPS`, its store as `ACCOUNT_OPS_STORE` and, when asked, the read
 * models as `ACCOUNT_OPS_READ_MODELS`; publishes `AccountEventRecorded` on the EventBus
 * after each commit and fires durable deadlines in-process unless told not to.
 */
@Module({})
export class AccountOpsModule {
  static forRoot(options: AccountOpsModuleOptions & AccountOpsModuleRegistration): DynamicModule {
    const { isGlobal, readModels, ...engine } = options;
    return AccountOpsModule.build({ provide: ACCOUNT_OPS_MODULE_OPTIONS, useValue: engine }, [], {
      isGlobal,
      readModels,
    });
  }

  static forRootAsync(options: AccountOpsModuleAsyncOptions): DynamicModule {
    return AccountOpsModule.build(
      {
        provide: ACCOUNT_OPS_MODULE_OPTIONS,
        useFactory: options.useFactory,
        inject: (options.inject ?? []) as never[],
      },
      options.imports ?? [],
      options,
    );
  }

  private static build(
    optionsProvider: Provider,
    imports: NonNullable<ModuleMetadata['imports']>,
    registration: AccountOpsModuleRegistration,
  ): DynamicModule {
    const readModels =
      registration.readModels === true ? {} : (registration.readModels ?? undefined);
    const readModelProviders: Provider[] = readModels
      ? [
          {
            provide: ACCOUNT_OPS_READ_MODELS,
            useFactory: (runtime: AccountOpsRuntime) => runtime.readModels,
            inject: [AccountOpsRuntime],
          },
        ]
      : [];
    return {
      module: AccountOpsModule,
      global: registration.isGlobal ?? false,
      imports: [CqrsModule.forRoot(), ...imports],
      providers: [
        optionsProvider,
        {
          provide: AccountOpsRuntime,
          useFactory: (options: AccountOpsModuleOptions, eventBus: EventBus) =>
            new AccountOpsRuntime(options, eventBus, readModels).init(),
          inject: [ACCOUNT_OPS_MODULE_OPTIONS, EventBus],
        },
        {
          provide: ACCOUNT_OPS,
          useFactory: (runtime: AccountOpsRuntime) => runtime.ops,
          inject: [AccountOpsRuntime],
        },
        {
          provide: ACCOUNT_OPS_STORE,
          useFactory: (runtime: AccountOpsRuntime) => runtime.store,
          inject: [AccountOpsRuntime],
        },
        ...readModelProviders,
        ...COMMAND_HANDLERS,
      ],
      exports: [
        ACCOUNT_OPS,
        ACCOUNT_OPS_STORE,
        ...(readModels ? [ACCOUNT_OPS_READ_MODELS] : []),
        CqrsModule,
      ],
    };
  }
}
