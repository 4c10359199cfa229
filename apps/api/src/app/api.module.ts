import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { systemClock } from '@account-ops/engine';
import { LoggerModule } from 'nestjs-pino';
import { AccountsController } from '../accounts/accounts.controller';
import { CancellationController } from '../accounts/cancellation.controller';
import { FreezesController } from '../accounts/freezes.controller';
import { RefundsController } from '../accounts/refunds.controller';
import { SignalsController } from '../accounts/signals.controller';
import { TopUpsController } from '../accounts/top-ups.controller';
import { LimitsController } from '../accounts/limits.controller';
import { OpsConfigController } from '../ops-config/ops-config.controller';
import { AccessLogController } from '../access-log/access-log.controller';
import { accessLogProvider } from '../access-log/access-log.provider';
import { AccessLogInterceptor } from '../access-log/records-access';
import { AccountHistory } from '../audit-trail/account-history';
import { AuditTrailController } from '../audit-trail/audit-trail.controller';
import { AuditLogController } from '../audit-log/audit-log.controller';
import { AuditLogModule } from '../audit-log/audit-log.module';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { rateLimitModule } from '../limits/rate-limit.module';
import { RateLimitGuard } from '../limits/rate-limit.guard';
import { DEFAULT_RATE_LIMITS } from '../limits/rate-limits';
import { HealthController } from '../observability/health.controller';
import { MetricsController } from '../observability/metrics.controller';
import { ReadModelsController } from '../read-models/read-models.controller';
import { ReadModelsModule } from '../read-models/read-models.module';
import { StepUpLockoutController } from '../step-up/step-up-lockout.controller';
import { SessionController } from '../session/session.controller';
import { SignInController } from '../sign-in/sign-in.controller';
import { personVerifierProvider } from '../sign-in/sign-in.providers';
import { WebhooksController } from '../webhooks/webhooks.controller';
import { SearchController } from '../search/search.controller';
import { WebhooksModule } from '../webhooks/webhooks.module';
import type { ApiAppOptions, ApiRuntime } from './api-options';
import { CoreModule } from './core.module';
import { LifecycleLog } from './lifecycle-log';
import { CLOCK_CHECK } from './tokens';

/** Every controller; each handler is declared with `@Endpoint(name)` from ROUTES. */
export const CONTROLLERS = [
  AccountsController,
  TopUpsController,
  LimitsController,
  RefundsController,
  FreezesController,
  SignalsController,
  CancellationController,
  AuditTrailController,
  AuditLogController,
  AccessLogController,
  ReadModelsController,
  OpsConfigController,
  SessionController,
  SignInController,
  WebhooksController,
  SearchController,
  StepUpLockoutController,
  HealthController,
  MetricsController,
] as const;

/** The HTTP API: controllers, the route guard, health, and the core (store, engine, metrics). */
@Module({})
export class ApiModule {
  static forRoot(options: ApiAppOptions, runtime: ApiRuntime): DynamicModule {
    const rateLimits = rateLimitModule(
      options.rateLimits ?? DEFAULT_RATE_LIMITS,
      options.clock ?? systemClock,
    );
    return {
      module: ApiModule,
      imports: [
        // The HTTP logger is mounted by the factory ahead of everything (so 404s and body
        // errors are logged too); Nest's own logs go through the same pino instance.
        LoggerModule.forRoot({ useExisting: true, pinoHttp: { logger: runtime.logger } }),
        TerminusModule.forRoot({ logger: false }),
        CoreModule.forRoot(options, runtime),
        ReadModelsModule.forRoot(options.projections, runtime.logger, options.projectorThread),
        WebhooksModule.forRoot(options),
        AuditLogModule.forRoot(options.checkpoints, runtime.logger),
        ...(rateLimits ? [rateLimits] : []),
      ],
      controllers: [...CONTROLLERS],
      providers: [
        AccountHistory,
        accessLogProvider,
        AccessLogInterceptor,
        LifecycleLog,
        { provide: CLOCK_CHECK, useValue: options.clockCheck ?? {} },
        personVerifierProvider,
        // Global guards run in this order: the rate limiter must count requests the key
        // guard refuses (key guessing), so it comes first.
        ...(rateLimits ? [{ provide: APP_GUARD, useClass: RateLimitGuard }] : []),
        { provide: APP_GUARD, useClass: ApiKeyGuard },
      ],
    };
  }
}
