/**
 * The API as a separate process, for tests that SIGKILL it. Run as
 * `node --import tsx test/reliability/harness/api-child.ts` (tsx as a loader: its CLI would
 * run this file in a grandchild that a SIGKILL of the child misses).
 *
 * Everything comes from explicit options (the environment variables of child-protocol.ts),
 * not from the production config loader, except the operating rules: those are read as
 * `npm start` reads them (ACCOUNT_OPS_CONFIG and the ACCOUNT_OPS_* rule variables), with
 * RELIABILITY_CONFIG's overrides on top.
 *
 * Two phases, so the driver can keep a standby child warm: loading the modules (the static
 * imports below: ~2.5 s of the start-up under tsx) ends with READY_LINE; only on GO_MESSAGE
 * does the child open the store, build the API, start the scheduler and listen on a free
 * loopback port (PORT_LINE). A restart after a kill is then a new process opening the
 * store cold, without waiting for Node to load the app's modules.
 */
import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { AccountConfig } from '@account-ops/accounts';
import { loadOperatingRules, systemClock } from '@account-ops/engine';
import { PostgresEventStore, type TransactionalEventStore } from '@account-ops/event-store';
import { createApiApp } from '../../../apps/api/src/app/create-api-app';
import type { CheckpointOptions } from '../../../apps/api/src/audit-log/checkpoint-options';
import { OIDC_SETTINGS, oidcConfigFrom } from '../../../apps/api/src/config/oidc-settings';
import { HARNESS_RATE_LIMITS } from '../../../apps/api/test/support/harness-limits';
import { acceleratedClock, clockFromEnv } from './accelerated-clock';
import { REL_CARD_SECRET, relApiKeys } from './actors';
import { CHILD_ENV, GO_MESSAGE, PORT_LINE, READY_LINE } from './child-protocol';

async function openStore(url: string, now: () => Date): Promise<string | TransactionalEventStore> {
  if (!url.startsWith('postgres')) return url;
  // The schema is not part of a store URL, so the child opens the store itself.
  return PostgresEventStore.connect({
    connectionString: url,
    schema: process.env[CHILD_ENV.pgSchema],
    now,
    poolSize: 6,
  });
}

async function main(): Promise<void> {
  // Dies with the test run: jest gone means nobody will ever kill or query this process.
  process.on('disconnect', () => process.exit(1));
  process.stdout.write(`${READY_LINE}\n`);
  await new Promise<void>((resolve) =>
    process.on('message', (message) => message === GO_MESSAGE && resolve()),
  );
  const clock = acceleratedClock(clockFromEnv(process.env[CHILD_ENV.clock]));
  const config = JSON.parse(process.env[CHILD_ENV.config] ?? '{}') as Partial<AccountConfig>;
  const checkpoints = process.env[CHILD_ENV.checkpoints];
  // The operating rules and the OIDC settings (drill-identity.ts), read as `npm start` reads them.
  const rules = loadOperatingRules(process.env, OIDC_SETTINGS);
  const oidc = oidcConfigFrom(rules.settings);
  const app = await createApiApp({
    store: await openStore(process.env[CHILD_ENV.store] ?? '', () => clock.now()),
    apiKeys: relApiKeys(),
    cardFingerprintSecret: REL_CARD_SECRET,
    clock,
    // Domain time runs accelerated; tokens and codes are judged by wall time, as the
    // provider that issued them keeps it.
    authenticationClock: systemClock,
    ...(oidc ? { oidc } : {}),
    accountConfig: { ...rules.accountConfig, ...config },
    deadlines: { intervalMs: Number(process.env[CHILD_ENV.tickMs] ?? 100) },
    ...(checkpoints ? { checkpoints: JSON.parse(checkpoints) as CheckpointOptions } : {}),
    log: { level: 'warn' },
    // Six clients replay account scripts as fast as they can: not what the limits are for.
    rateLimits: HARNESS_RATE_LIMITS,
  });
  await app.listen(0, '127.0.0.1');
  const { port } = (app.getHttpServer() as Server).address() as AddressInfo;
  process.stdout.write(`${PORT_LINE}${port}\n`);
}

main().catch((error: unknown) => {
  console.error(`reliability API child failed to start: ${String(error)}`);
  process.exit(1);
});
