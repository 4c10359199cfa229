import { generateKeyPairSync } from 'node:crypto';
import {
  NoteSigner,
  TILE_COLLECTION,
  type TransactionalEventStore,
} from '@account-ops/event-store';
import { AuditLogService } from '../src/audit-log/audit-log.service';
import { seeder, type Seeder } from './support/seed';
import { freshId, startTestApi, type TestApi } from './support/test-api';

/**
 * The tree's catch-up as the API runs it in a worker thread (SQLite, PostgreSQL): a
 * failing catch-up is logged and retried on the next tick, the API keeps answering, and
 * shutdown ends the worker (jest sees no open handle). The split store catches up on the
 * API's thread, whose tile cache may still hold the damaged records: not run on it.
 */
jest.setTimeout(60_000);

const FAILED = 'Merkle log catch-up or checkpoint failed; retrying';

describe.each(['sqlite', 'postgres'] as const)('the API tree catch-up [%s]', (backend) => {
  let t: TestApi;
  let seed: Seeder;
  let service: AuditLogService;
  const id = freshId();
  const signer = new NoteSigner('bank.example/log', generateKeyPairSync('ed25519').privateKey);

  beforeAll(async () => {
    t = await startTestApi(backend, {
      checkpoints: { keyProvider: { signer: () => signer }, everyEvents: 1, tickMs: 3_600_000 },
    });
    seed = seeder(t);
    service = t.app.get(AuditLogService, { strict: false });
  });
  afterAll(() => t.close());

  it('logs a failed catch-up, keeps serving, and signs once the tree is whole again', async () => {
    await seed.open(id);
    const first = await tickUntil(service, 1);
    // The tree's right edge lost (a damaged store): the next catch-up cannot extend it.
    const store = t.store as TransactionalEventStore;
    const partials = (await store.listRecords(TILE_COLLECTION)).filter((r) =>
      r.key.includes('.p/'),
    );
    await store.writeRecords(
      partials.map((r) => ({ op: 'delete', collection: TILE_COLLECTION, key: r.key })),
    );
    await seed.card(id);

    // PostgreSQL: until the new event is visible (see tickUntil) the tick has nothing to do.
    const deadline = Date.now() + 30_000;
    while (!t.logs.some((line) => line.includes(FAILED))) {
      expect(await service.tick()).toBeUndefined();
      if (Date.now() > deadline) throw new Error('the damaged tree was never reported');
    }
    const latest = (await t.as('auditor').get('/audit/checkpoints/latest').expect(200)).body;
    expect(latest.size).toBe(first.size);

    // Rebuilt from the events, as `account-ops tree rebuild` does: the next tick catches up.
    await service.log.clear();
    const signed = await tickUntil(service, 2);
    expect(Buffer.from(await service.log.root(signed.size)).toString('base64')).toBe(signed.root);
    expect(await service.log.check()).toEqual({ size: signed.size, events: signed.size });
  });
});

/** Ticks until a checkpoint covers `size` events (PostgreSQL: see verifiable-log.e2e-spec). */
async function tickUntil(service: AuditLogService, size: number) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const signed = await service.tick();
    if (signed && signed.size >= size) return signed;
    if (Date.now() > deadline) throw new Error(`no checkpoint of ${size} events within 30 s`);
  }
}
