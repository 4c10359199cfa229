import type { Server } from 'node:http';
import { ACCOUNT_OPS, LocalKeyProvider, type AccountOps } from '@account-ops/engine';
import type { EventStore, RecordStore, TransactionalEventStore } from '@account-ops/event-store';
import type { ReadModels } from '@account-ops/projections';
import { FakeClock } from '@account-ops/testing';
import type { ApiAppOptions } from '../../../apps/api/src/app/api-options';
import { createApiApp } from '../../../apps/api/src/app/create-api-app';
import { DEFAULT_CONSOLE_DIR } from '../../../apps/api/src/console/console-files';
import { EVENT_STORE } from '../../../apps/api/src/app/tokens';
import { READ_MODELS } from '../../../apps/api/src/read-models/read-models.provider';
import {
  ACTORS,
  keyOf,
  OPERATOR_TOTP_SECRET,
  testApiKeys,
} from '../../../apps/api/test/support/actors';
import { ApiClient } from '../../../apps/api/test/support/client';
import {
  CARD_SECRET,
  HARNESS_RATE_LIMITS,
  START,
  type TestApi,
} from '../../../apps/api/test/support/test-api';
import { Capture } from './capture';
import type { Backend, StoreTarget } from './store-target';

/** A second TOTP secret, so that a replay across actors can be told from one within an actor. */
export const APPROVER_TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
/** The admin's, for SetTopUpLimits (always a second factor). */
export const ADMIN_TOTP_SECRET = 'KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU';

/**
 * The key-encryption key of the reliability apps, as `ACCOUNT_OPS_MASTER_KEY` would give
 * it: known here so the leak scan can look for it (it must never reach a row, a log or a
 * response).
 */
export const REL_MASTER_KEY = {
  id: 'rel-kek-1',
  key: Buffer.from('b1c7e0f9a2d4c6e8f0a1b3c5d7e9f1a3b5c7d9e1f3a5b7c9d1e3f5a7b9c1d3e5', 'hex'),
};

/**
 * The e2e TestApi (so the e2e seeder and clients work unchanged) over a StoreTarget that
 * outlives it, with responses and logs going to a Capture shared by the test file.
 */
export interface ReliabilityApi extends TestApi {
  readonly backend: Backend;
  readonly target: StoreTarget;
  readonly capture: Capture;
  readonly models: ReadModels;
  /** The engine's records (idempotency, deadlines, data keys, used step-up codes…). */
  readonly records: RecordStore;
}

export interface StartOptions {
  /** Shared by instances that must agree on the time (a restart, a second instance). */
  readonly clock?: FakeClock;
  readonly capture?: Capture;
  readonly overrides?: Partial<ApiAppOptions>;
}

export async function startApi(
  target: StoreTarget,
  options: StartOptions = {},
): Promise<ReliabilityApi> {
  const clock = options.clock ?? new FakeClock(START);
  const capture = options.capture ?? new Capture();
  const connection = await target.connect(clock);
  const app = await createApiApp({
    store: connection.store,
    apiKeys: testApiKeys(),
    cardFingerprintSecret: CARD_SECRET,
    keyProvider: new LocalKeyProvider([REL_MASTER_KEY], 'ACCOUNT_OPS_MASTER_KEY'),
    totpSecrets: new Map([
      [ACTORS.operator.id, OPERATOR_TOTP_SECRET],
      [ACTORS.approver.id, APPROVER_TOTP_SECRET],
      // PUT …/limits always needs the admin's second factor (issue 26).
      [ACTORS.admin.id, ADMIN_TOTP_SECRET],
    ]),
    clock,
    deadlines: false,
    // The Merkle log's follower writes tiles on its own timer; these suites compare the store
    // before and after each request, so it runs only where a test asks for it.
    checkpoints: false,
    log: { destination: capture.logDestination(), level: 'info' },
    rateLimits: HARNESS_RATE_LIMITS,
    // The ops console's files, as `npm start` serves them (a 503 page when not built).
    console: { dir: DEFAULT_CONSOLE_DIR },
    ...options.overrides,
  });
  const server = app.getHttpServer() as Server;
  capture.recordResponses(server);
  // On a loopback port: supertest reuses it, and raw sockets (http/raw-http.ts) need one.
  await app.listen(0, '127.0.0.1');
  return {
    backend: target.backend,
    target,
    capture,
    app,
    server,
    clock,
    ops: app.get<AccountOps>(ACCOUNT_OPS, { strict: false }),
    store: app.get<EventStore>(EVENT_STORE, { strict: false }),
    models: app.get<ReadModels>(READ_MODELS, { strict: false }),
    records: app.get<TransactionalEventStore>(EVENT_STORE, { strict: false }),
    logs: capture.logs,
    ...(target.sqliteFile ? { sqliteFile: target.sqliteFile } : {}),
    ...(target.pg ? { pg: target.pg } : {}),
    as: (actor) => new ApiClient(server, actor === null ? undefined : `Bearer ${keyOf(actor)}`),
    bearer: (token) => new ApiClient(server, `Bearer ${token}`),
    close: async () => {
      await app.close();
      await connection.close();
    },
  };
}
