import { Module, type DynamicModule, type ModuleMetadata, type Provider } from '@nestjs/common';
import { CqrsModule, EventBus } from '@nestjs/cqrs';
import { AccountOpsRuntime, type AccountOpsModuleOptions } from './account-ops-runtime';
import { COMMAND_HANDLERS } from './command-handlers';
import { ACCOUNT_OPS, ACCOUNT_OPS_MODULE_OPTIONS } from './tokens';

export interface AccountOpsModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  readonly inject?: unknown[];
  useFactory(...args: never[]): AccountOpsModuleOptions | Promise<AccountOpsModuleOptions>;
}

/**
 * The engine for NestJS services: registers one CQRS handler per account command, exposes
 * the engine as `ACCOUNT_OPS`, publishes `AccountEventRecorded` on the EventBus after each
 * commit and fires durable deadlines in-process unless told not to.
 */
@Module({})
export class AccountOpsModule {
  static forRoot(options: AccountOpsModuleOptions): DynamicModule {
    return AccountOpsModule.build({ provide: ACCOUNT_OPS_MODULE_OPTIONS, useValue: options }, []);
  }

  static forRootAsync(options: AccountOpsModuleAsyncOptions): DynamicModule {
    return AccountOpsModule.build(
      {
        provide: ACCOUNT_OPS_MODULE_OPTIONS,
        useFactory: options.useFactory,
        inject: (options.inject ?? []) as never[],
      },
      options.imports ?? [],
    );
  }

  private static build(
    optionsProvider: Provider,
    imports: NonNullable<ModuleMetadata['imports']>,
  ): DynamicModule {
    return {
      module: AccountOpsModule,
      imports: [CqrsModule.forRoot(), ...imports],
      providers: [
        optionsProvider,
        {
          provide: AccountOpsRuntime,
          useFactory: (options: AccountOpsModuleOptions, eventBus: EventBus) =>
            new AccountOpsRuntime(options, eventBus).init(),
          inject: [ACCOUNT_OPS_MODULE_OPTIONS, EventBus],
        },
        {
          provide: ACCOUNT_OPS,
          useFactory: (runtime: AccountOpsRuntime) => runtime.ops,
          inject: [AccountOpsRuntime],
        },
        ...COMMAND_HANDLERS,
      ],
      exports: [ACCOUNT_OPS, CqrsModule],
    };
  }
}
