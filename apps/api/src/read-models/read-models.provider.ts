import { type BeforeApplicationShutdown, Inject, Injectable, type Provider } from '@nestjs/common';
import { ACCOUNT_OPS, type AccountOps, type Clock } from '@account-ops/engine';
import type { TransactionalEventStore } from '@account-ops/event-store';
import {
  DEFAULT_PROJECTIONS,
  openReadModels,
  type ProjectionMode,
  type ProjectionStatus,
  type ReadModels,
} from '@account-ops/projections';
import type { Logger } from 'pino';
import { Gauge } from 'prom-client';
import type { ApiMetrics } from '../observability/metrics';
import { API_CLOCK, EVENT_STORE } from '../app/tokens';
import { API_METRICS } from '../observability/metrics';

/** Inject the API's read models (`ReadModels` from @account-ops/projections). */
export const READ_MODELS = Symbol('READ_MODELS');

/**
 * Opens the read models on the engine's store, catches them up and runs them — inline on
 * SQLite unless told otherwise, async elsewhere, woken by every local commit — and
 * exports their lag as gauges.
 */
export function readModelsProvider(
  mode: ProjectionMode | undefined,
  logger: Logger,
  projectorThread = false,
): Provider {
  return {
    provide: READ_MODELS,
    inject: [EVENT_STORE, ACCOUNT_OPS, API_CLOCK, API_METRICS],
    useFactory: async (
      store: TransactionalEventStore,
      ops: AccountOps,
      clock: Clock,
      metrics: ApiMetrics,
    ): Promise<ReadModels> => {
      const models = openReadModels(store, {
        projections: DEFAULT_PROJECTIONS,
        ...(mode ? { mode } : {}),
        now: () => clock.now(),
        onError: (err) => logger.error({ err }, 'projection batch failed'),
        projectorThread,
      });
      await models.start();
      ops.onCommitted(() => models.notifyCommitted());
      registerLagGauges(models, metrics);
      return models;
    },
  };
}

function registerLagGauges(models: ReadModels, metrics: ApiMetrics): void {
  const gauge = (name: string, help: string, value: (s: ProjectionStatus) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['projection'] as const,
      registers: [metrics.registry],
      async collect() {
        for (const status of await models.status())
          this.set({ projection: status.name }, value(status));
      },
    });
  gauge(
    'account_ops_projection_lag_events',
    'Events committed after the projection checkpoint.',
    (s) => s.lagEvents,
  );
  gauge(
    'account_ops_projection_lag_seconds',
    'Age of the oldest event not yet projected (0 when caught up).',
    (s) => s.lagSeconds,
  );
}

/** Stops the projector and the inline hook before the store closes. */
@Injectable()
export class ReadModelsShutdown implements BeforeApplicationShutdown {
  constructor(@Inject(READ_MODELS) private readonly models: ReadModels) {}

  async beforeApplicationShutdown(): Promise<void> {
    await this.models.stop();
  }
}
