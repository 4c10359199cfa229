import { createHash } from 'node:crypto';
import { canonicalJson, MemoryEventStore } from '@account-ops/event-store';
import { accountFixtures as f } from '@account-ops/testing';
import { createAccountOps } from '../create-account-ops';
import { IdempotencyLedger } from './idempotency-ledger';

const keyed = (pan: string) => `hmac:${pan.length}`;

describe('the idempotency fingerprint of a card change', () => {
  const command = f.card(f.MASTERCARD);

  it('is not a plain hash of a command holding the card number (that could be brute-forced)', () => {
    const plain = createHash('sha256').update(canonicalJson(command)).digest('hex');
    expect(IdempotencyLedger.fingerprint(command, keyed)).not.toBe(plain);
  });

  it('still tells two different cards apart', () => {
    const fingerprint = (pan: string) =>
      IdempotencyLedger.fingerprint(f.card(pan), (p) => `hmac:${p}`);
    expect(fingerprint(f.MASTERCARD)).not.toBe(fingerprint(f.VISA));
  });

  it('is what the engine stores: the records never hold a hash over the card number', async () => {
    const store = new MemoryEventStore();
    const ops = createAccountOps({ store, cardFingerprintSecret: 'a-secret-of-16-chars+' });
    await ops.execute(f.open());
    await ops.execute(command, { idempotencyKey: 'card-1' });
    const [record] = await store.listRecords('idempotency');
    const plain = createHash('sha256').update(canonicalJson(command)).digest('hex');
    expect(JSON.stringify(record)).not.toContain(plain);
    expect(JSON.stringify(record)).not.toContain(f.MASTERCARD);
  });
});
