import { type DynamicModule, Module } from '@nestjs/common';
import type { ProjectionMode } from '@account-ops/projections';
import type { Logger } from 'pino';
import { READ_MODELS, readModelsProvider, ReadModelsShutdown } from './read-models.provider';

/**
 * The read models of `libs/projections`, for the endpoints of ReadModelsController
 * (balance, audit, ops views, projection lag) and the lag gauges on `/metrics`. The store, engine, clock and metrics come from the global
 * core module.
 */
@Module({})
export class ReadModelsModule {
  static forRoot(
    mode: ProjectionMode | undefined,
    logger: Logger,
    projectorThread = false,
  ): DynamicModule {
    return {
      module: ReadModelsModule,
      providers: [readModelsProvider(mode, logger, projectorThread), ReadModelsShutdown],
      exports: [READ_MODELS],
    };
  }
}
