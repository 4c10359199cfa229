import 'reflect-metadata';
import { Logger } from 'nestjs-pino';
import { createApiApp } from './app/create-api-app';
import { devKeysBanner } from './config/dev-keys';
import { loadApiConfig } from './config/load-api-config';
import { withRunMode } from './config/run-mode';

/**
 * `npm start`: the HTTP API on PORT (3000) over ACCOUNT_OPS_STORE (embedded SQLite by
 * default), with the deadline scheduler and the outbox in-process. SIGTERM/SIGINT stop
 * accepting connections, let in-flight requests finish, stop the scheduler, close the store.
 */
async function main(): Promise<void> {
  // Production unless development was asked for (npm start asks): run-mode.ts.
  process.env.NODE_ENV = withRunMode(process.env, process.argv.slice(2)).NODE_ENV;
  const config = loadApiConfig(process.env);
  const app = await createApiApp(config.options);
  app.enableShutdownHooks();
  const logger = app.get(Logger);
  for (const warning of config.warnings) logger.warn(warning);
  if (config.host) await app.listen(config.port, config.host);
  else await app.listen(config.port);
  if (config.devKeys) process.stdout.write(devKeysBanner(config.devKeys, config.port));
  logger.log(
    `account-ops API listening on ${config.host ?? 'every interface'}, port ${config.port} (ops console at /console, OpenAPI at /docs)`,
  );
}

main().catch((error: unknown) => {
  // Configuration errors name the variable, never its value.
  console.error(
    `account-ops API failed to start: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
