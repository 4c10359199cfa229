import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import { openEventStore, type TransactionalEventStore } from '@account-ops/event-store';
import { createAccountOps, type AccountOps, type AccountOpsOptions } from '../create-account-ops';
import { AccountEventRecorded } from './account-event-recorded';
import type { ReadModels } from '@account-ops/projections';
import { startModuleReadModels, type AccountOpsReadModelsOptions } from './module-read-models';
import { ACCOUNT_OPS_MODULE_OPTIONS } from './tokens';

export interface AccountOpsModuleOptions extends Omit<AccountOpsOptions, 'store'> {
  /** A store instance (you close it), or a store URL such as `sqlite:./data/account-ops.db` (the module closes it). */
  readonly store: TransactionalEventStore | string;
  /** With a `kurrentdb://` or `esdb://` store URL: the `postgres://` URL where records (and read models) live. */
  readonly readStore?: string;
  /** Fire durable deadlines and deliver the outbox in this process every `intervalMs` (default 1000); `false` to run them elsewhere. */
  readonly deadlines?: { readonly intervalMs: number } | false;
}

/** The engine as the module runs it: publishes commits on the EventBus, runs the scheduler, closes what it opened. */
@Injectable()
export class AccountOpsRuntime implements OnApplicationBootstrap, OnApplicationShutdown {
  ops!: AccountOps;
  store!: TransactionalEventStore;
  /** Set when the module was given `readModels`. */
  readModels: ReadModels | undefined;
  private ownsStore = false;
  private unsubscribe: (() => void) | undefined;

  constructor(
    @Inject(ACCOUNT_OPS_MODULE_OPTIONS) private readonly options: AccountOpsModuleOptions,
    private readonly eventBus: EventBus,
    private readonly readModelsOptions?: AccountOpsReadModelsOptions,
  ) {}

  async init(): Promise<this> {
    const { store, readStore, deadlines: _deadlines, ...rest } = this.options;
    this.ownsStore = typeof store === 'string';
    this.store =
      typeof store === 'string'
        ? await openEventStore(store, {
            now: rest.clock ? () => rest.clock!.now() : undefined,
            ...(readStore ? { readStore } : {}),
          })
        : store;
    this.ops = createAccountOps({ ...rest, store: this.store });
    // A wrong or missing key-encryption key stops the start, naming the key id.
    await this.ops.checkKeys();
    this.unsubscribe = this.ops.onCommitted((events) =>
      this.eventBus.publishAll(events.map((event) => new AccountEventRecorded(event))),
    );
    if (this.readModelsOptions) {
      const clock = rest.clock;
      this.readModels = await startModuleReadModels(
        this.store,
        this.ops,
        this.readModelsOptions,
        clock ? () => clock.now() : () => new Date(),
      );
    }
    return this;
  }

  onApplicationBootstrap(): void {
    const deadlines = this.options.deadlines ?? { intervalMs: 1000 };
    if (deadlines) {
      this.ops.deadlines.start(deadlines.intervalMs);
      this.ops.notifications.start(deadlines.intervalMs);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.ops.deadlines.stop();
    await this.ops.notifications.stop();
    this.unsubscribe?.();
    // The projector and the inline hook stop before the store closes.
    await this.readModels?.stop();
    if (this.ownsStore) await this.store.close();
  }
}
