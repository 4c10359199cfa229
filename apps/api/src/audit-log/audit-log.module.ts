import {
  type DynamicModule,
  Inject,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Clock } from '@account-ops/engine';
import type { TransactionalEventStore } from '@account-ops/event-store';
import type { Logger } from 'pino';
import { API_CLOCK, EVENT_STORE } from '../app/tokens';
import { AuditLogService } from './audit-log.service';
import type { CheckpointOptions } from './checkpoint-options';

const CHECKPOINT_TICK = Symbol('CHECKPOINT_TICK');

/** Starts the log's catch-up timer with the app and stops it before the store closes. */
class AuditLogLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(AuditLogService) private readonly service: AuditLogService,
    @Inject(CHECKPOINT_TICK) private readonly tickMs: number | false,
  ) {}

  onApplicationBootstrap(): void {
    if (this.tickMs !== false) this.service.start(this.tickMs);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.service.stop();
  }
}

/**
 * The Merkle log and its checkpoints (AuditLogController). With `checkpoints: false` the
 * endpoints still answer from what is stored, but nothing catches up or signs on a timer.
 */
@Module({})
export class AuditLogModule {
  static forRoot(options: CheckpointOptions | false | undefined, logger: Logger): DynamicModule {
    return {
      module: AuditLogModule,
      providers: [
        {
          provide: AuditLogService,
          useFactory: (store: TransactionalEventStore, clock: Clock) =>
            new AuditLogService(store, options || {}, () => clock.now(), logger),
          inject: [EVENT_STORE, API_CLOCK],
        },
        {
          provide: CHECKPOINT_TICK,
          useValue: options === false ? false : (options?.tickMs ?? 1000),
        },
        AuditLogLifecycle,
      ],
      exports: [AuditLogService],
    };
  }
}
