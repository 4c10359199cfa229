import {
  type DynamicModule,
  Inject,
  Module,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import {
  createWebhooks,
  defaultKeyProvider,
  systemClock,
  type Webhooks,
} from '@account-ops/engine';
import type { TransactionalEventStore } from '@account-ops/event-store';
import type { ApiAppOptions } from '../app/api-options';
import { EVENT_STORE } from '../app/tokens';
import { WEBHOOKS } from './webhooks.tokens';

const RUN_EVERY = Symbol('WEBHOOKS_RUN_EVERY');

/** Runs the dispatcher in this process; stops it before the store closes (module destroy comes first). */
class WebhookRunner implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(
    @Inject(WEBHOOKS) private readonly webhooks: Webhooks,
    @Inject(RUN_EVERY) private readonly intervalMs: number | null,
  ) {}

  onApplicationBootstrap(): void {
    if (this.intervalMs !== null) this.webhooks.dispatcher.start(this.intervalMs);
  }

  async onModuleDestroy(): Promise<void> {
    await this.webhooks.dispatcher.stop();
  }
}

/**
 * Webhook endpoints (admin API) and their delivery. The dispatcher runs beside the
 * deadline scheduler (same interval) unless `webhooks: false` or `deadlines: false`;
 * processes that share a PostgreSQL schema share the deliveries.
 */
@Module({})
export class WebhooksModule {
  static forRoot(options: ApiAppOptions): DynamicModule {
    const interval =
      options.webhooks === false || options.deadlines === false
        ? null
        : (options.deadlines?.intervalMs ?? 1000);
    return {
      module: WebhooksModule,
      providers: [
        {
          provide: WEBHOOKS,
          inject: [EVENT_STORE],
          useFactory: (store: TransactionalEventStore) =>
            createWebhooks({
              store,
              keyProvider: options.keyProvider ?? defaultKeyProvider(store),
              clock: options.clock ?? systemClock,
              settings: options.webhooks === false ? {} : (options.webhooks ?? {}),
            }),
        },
        { provide: RUN_EVERY, useValue: interval },
        WebhookRunner,
      ],
      exports: [WEBHOOKS],
    };
  }
}
