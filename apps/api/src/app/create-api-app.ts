import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Express } from 'express';
import { Logger } from 'nestjs-pino';
import { ACCOUNT_OPS, type AccountOps } from '@account-ops/engine';
import { consoleRouter } from '../console/console-files';
import { answerClientErrorsWithProblems } from '../http/client-errors';
import { jsonBody } from '../http/json-body';
import { ProblemFilter } from '../http/problem.filter';
import { secureHeaders } from '../http/security-headers';
import { refuseCardNumbersInStoredHeaders } from '../http/stored-headers';
import { validationPipe } from '../http/validation';
import { createRootLogger, httpLogger } from '../observability/logging';
import { ApiMetrics } from '../observability/metrics';
import { metricsMiddleware } from '../observability/metrics.middleware';
import { setupOpenApi } from '../openapi/setup-openapi';
import { ApiModule } from './api.module';
import type { ApiAppOptions } from './api-options';

/**
 * Builds the HTTP API, initialised but not listening: `npm start` calls `listen(port)`,
 * tests hand `getHttpServer()` to supertest. Middleware order matters: the request logger
 * first (every request gets an id and a log line, even a 404 or an oversized body), then
 * metrics, then the security headers and CORS (so refusals carry them too), then the
 * console's static files (when configured), then the refusal of card numbers in stored
 * headers, then the JSON body parser; Nest's routes and
 * its not-found handler come after.
 */
export async function createApiApp(options: ApiAppOptions): Promise<INestApplication> {
  const logger = createRootLogger(options.log);
  const metrics = new ApiMetrics();
  const app = await NestFactory.create(ApiModule.forRoot(options, { logger, metrics }), {
    bodyParser: false,
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  const express = app.getHttpAdapter().getInstance() as Express;
  express.disable('x-powered-by');
  // Client addresses (the rate limit without a valid key) from X-Forwarded-For, only as
  // far back as the proxies we run: anything further is the client's to forge.
  if (options.trustProxyHops) express.set('trust proxy', options.trustProxyHops);
  app.use(httpLogger(logger));
  app.use(metricsMiddleware(metrics));
  secureHeaders(app, options.corsOrigins);
  if (options.console) app.use('/console', consoleRouter(options.console.dir));
  app.use(refuseCardNumbersInStoredHeaders());
  app.use(jsonBody(options.bodyLimit));
  app.useGlobalPipes(validationPipe());
  app.useGlobalFilters(new ProblemFilter(logger));
  setupOpenApi(app);
  answerClientErrorsWithProblems(app.getHttpServer() as Server);
  await app.init();
  const ops = app.get<AccountOps>(ACCOUNT_OPS, { strict: false });
  metrics.watchCommandLoad(() => ops.commandLoad());
  return app;
}
