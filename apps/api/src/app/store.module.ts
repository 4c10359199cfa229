import { type DynamicModule, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { Clock } from '@account-ops/engine';
import { openEventStore, type TransactionalEventStore } from '@account-ops/event-store';
import { EVENT_STORE } from './tokens';

/** Closes the store at shutdown when the app opened it. */
class StoreCloser implements OnApplicationShutdown {
  constructor(
    private readonly store: TransactionalEventStore,
    private readonly owned: boolean,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.owned) await this.store.close();
  }
}

/**
 * The event store, shared by the engine (writes) and the audit endpoints (reads). The
 * engine's module imports this one, which puts it deeper in Nest's module graph: Nest
 * shuts the engine down (deadline scheduler, outbox) before this module closes the store.
 */
@Module({})
export class StoreModule {
  static forRoot(
    store: string | TransactionalEventStore,
    clock: Clock,
    readStore?: string,
  ): DynamicModule {
    return {
      module: StoreModule,
      providers: [
        {
          provide: EVENT_STORE,
          useFactory: () =>
            typeof store === 'string'
              ? openEventStore(store, {
                  now: () => clock.now(),
                  ...(readStore ? { readStore } : {}),
                })
              : store,
        },
        {
          provide: StoreCloser,
          useFactory: (opened: TransactionalEventStore) =>
            new StoreCloser(opened, typeof store === 'string'),
          inject: [EVENT_STORE],
        },
      ],
      exports: [EVENT_STORE],
    };
  }
}
