import type { Server } from 'node:http';
import { LocalKeyProvider, type KeyProvider } from '@account-ops/engine';
import type { TransactionalEventStore } from '@account-ops/event-store';
import { createApiApp } from '../src/app/create-api-app';
import { keyOf, testApiKeys } from './support/actors';
import { ApiClient } from './support/client';
import { BACKENDS, CARD_SECRET, freshId, startTestApi, type TestApi } from './support/test-api';

const K1 = { id: 'k1', key: Buffer.alloc(32, 0x31) };
const K2 = { id: 'k2', key: Buffer.alloc(32, 0x32) };
const ring = (...keys: (typeof K1)[]) => new LocalKeyProvider(keys, 'ACCOUNT_OPS_MASTER_KEY');

/** The API's start with the configured key-encryption keys, over a store written with K1. */
describe.each(BACKENDS)('key-encryption keys at start [%s]', (backend) => {
  let t: TestApi;
  const id = freshId('kek');
  beforeAll(async () => {
    t = await startTestApi(backend, { keyProvider: ring(K1) });
    await t
      .as('operator')
      .post('/accounts', {
        accountId: id,
        ownerName: 'Kim Wrapped',
        ownerEmail: 'kim@example.com',
        currency: 'EUR',
      })
      .expect(201);
  });
  afterAll(() => t.close());

  // A second instance on the same store (SQLite: its file; else the open instance).
  const restart = (keyProvider: KeyProvider) =>
    createApiApp({
      store: t.sqliteFile ? `sqlite:${t.sqliteFile}` : (t.store as TransactionalEventStore),
      apiKeys: testApiKeys(),
      cardFingerprintSecret: CARD_SECRET,
      clock: t.clock,
      deadlines: false,
      keyProvider,
      log: { destination: { write: () => undefined } },
    });

  it('refuses to start with a wrong key or without the key the data keys were wrapped with', async () => {
    await expect(restart(ring({ id: 'k1', key: Buffer.alloc(32, 0x99) }))).rejects.toMatchObject({
      name: 'KeyUnavailable',
      keyId: 'k1',
      message: expect.stringMatching(
        /"k1" in ACCOUNT_OPS_MASTER_KEY does not unwrap this data key/,
      ),
    });
    await expect(restart(ring(K2))).rejects.toMatchObject({
      keyId: 'k1',
      message: expect.stringMatching(/"k1" is not in ACCOUNT_OPS_MASTER_KEY \(it holds "k2"\)/),
    });
  });

  it('starts with a rotated key ring and reads what the old key wrapped', async () => {
    const app = await restart(ring(K2, K1));
    try {
      const client = new ApiClient(app.getHttpServer() as Server, `Bearer ${keyOf('auditor')}`);
      const account = await client.get(`/accounts/${id}`).expect(200);
      expect(account.body.owner).toEqual({ name: 'Kim Wrapped', email: 'kim@example.com' });
    } finally {
      await app.close();
    }
  });
});
