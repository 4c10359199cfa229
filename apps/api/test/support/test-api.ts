import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { INestApplication } from '@nestjs/common';
import { Pool } from 'pg';
import { ACCOUNT_OPS, type AccountOps } from '@account-ops/engine';
import {
  EventStoreDbEventStore,
  PostgresEventStore,
  SplitEventStore,
  type EventStore,
  type TransactionalEventStore,
} from '@account-ops/event-store';
import { FakeEsdbClient } from '@account-ops/event-store/testing';
import { dropSchema, FakeClock, freshSchemaName, testPgUrl } from '@account-ops/testing';
import type { ApiAppOptions } from '../../src/app/api-options';
import { createApiApp } from '../../src/app/create-api-app';
import { EVENT_STORE } from '../../src/app/tokens';
import { HARNESS_RATE_LIMITS } from './harness-limits';
import { keyOf, OPERATOR_TOTP_SECRET, testApiKeys, ACTORS, type ActorName } from './actors';
import { ApiClient } from './client';

export { HARNESS_RATE_LIMITS } from './harness-limits';

export type Backend = 'sqlite' | 'postgres' | 'split';

/**
 * Every e2e file runs its suites on each store; PostgreSQL comes from PG_URL (or PGlite).
 * `split`: events in EventStoreDB (an in-memory fake of the server: none runs here),
 * records and read models in PostgreSQL — the ACCOUNT_OPS_READ_STORE configuration.
 */
export const BACKENDS: readonly Backend[] = ['sqlite', 'postgres', 'split'];

export const START = '2026-03-02T09:00:00.000Z';
export const CARD_SECRET = 'e2e-card-fingerprint-secret';

/** One app over a fresh store, a fake clock, the test keys and a captured log. */
export interface TestApi {
  readonly backend: Backend;
  readonly app: INestApplication;
  readonly server: Server;
  readonly clock: FakeClock;
  readonly ops: AccountOps;
  readonly store: EventStore;
  /** Every log line the app wrote. */
  readonly logs: string[];
  /** SQLite: the database file (its -wal and -shm sit beside it). */
  readonly sqliteFile?: string;
  /** PostgreSQL: an admin pool and the test's schema. */
  readonly pg?: { readonly pool: Pool; readonly schema: string };
  /** A client authenticated as the actor (null: no Authorization header). */
  as(actor: ActorName | null): ApiClient;
  /** A client presenting `Authorization: Bearer <token>` (an OIDC access token, say). */
  bearer(token: string): ApiClient;
  close(): Promise<void>;
}

function captureLogs(): { lines: string[]; destination: Writable } {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { lines, destination };
}

async function openStore(backend: Backend, clock: FakeClock) {
  if (backend === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'aos-api-'));
    const file = join(dir, 'api.db');
    return {
      store: `sqlite:${file}`,
      file,
      dispose: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const schema = freshSchemaName('api_e2e');
  const pool = new Pool({ connectionString: testPgUrl(), max: 2 });
  const sql = await PostgresEventStore.connect({
    connectionString: testPgUrl(),
    schema,
    now: () => clock.now(),
    poolSize: 4,
  });
  const instance: TransactionalEventStore =
    backend === 'split'
      ? new SplitEventStore({
          events: new EventStoreDbEventStore(new FakeEsdbClient(), { now: () => clock.now() }),
          records: sql,
        })
      : sql;
  return {
    store: instance,
    pg: { pool, schema },
    dispose: async () => {
      await instance.close();
      await dropSchema(pool, schema);
      await pool.end();
    },
  };
}

export async function startTestApi(
  backend: Backend,
  overrides: Partial<ApiAppOptions> = {},
): Promise<TestApi> {
  const clock = new FakeClock(START);
  const { lines, destination } = captureLogs();
  const opened = await openStore(backend, clock);
  const app = await createApiApp({
    store: opened.store,
    apiKeys: testApiKeys(),
    cardFingerprintSecret: CARD_SECRET,
    totpSecrets: new Map([[ACTORS.operator.id, OPERATOR_TOTP_SECRET]]),
    clock,
    deadlines: false,
    checkpoints: false,
    log: { destination, level: 'info' },
    rateLimits: HARNESS_RATE_LIMITS,
    ...overrides,
  });
  const server = app.getHttpServer() as Server;
  return {
    backend,
    app,
    server,
    clock,
    ops: app.get<AccountOps>(ACCOUNT_OPS, { strict: false }),
    store: app.get<EventStore>(EVENT_STORE, { strict: false }),
    logs: lines,
    ...('file' in opened ? { sqliteFile: opened.file } : {}),
    ...(opened.pg ? { pg: opened.pg } : {}),
    as: (actor) => new ApiClient(server, actor === null ? undefined : `Bearer ${keyOf(actor)}`),
    bearer: (token) => new ApiClient(server, `Bearer ${token}`),
    close: async () => {
      await app.close();
      await opened.dispose();
    },
  };
}

let counter = 0;
/** A unique id for this test run (ids are free, accounts are per test). */
export function freshId(prefix = 'acc'): string {
  counter += 1;
  return `${prefix}-${counter}-${Math.random().toString(36).slice(2, 8)}`;
}
