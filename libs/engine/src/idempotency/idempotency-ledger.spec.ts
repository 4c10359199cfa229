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
    await ops.execute(command, { ...f.HOST_VERIFIED, idempotencyKey: 'card-1' });
    const [record] = await store.listRecords('idempotency');
    const plain = createHash('sha256').update(canonicalJson(command)).digest('hex');
    expect(JSON.stringify(record)).not.toContain(plain);
    expect(JSON.stringify(record)).not.toContain(f.MASTERCARD);
  });
});

describe('the idempotency fingerprint of personal data', () => {
  it('cannot confirm a guessed owner name, e-mail or card holder without the server secret', async () => {
    const store = new MemoryEventStore();
    const ops = createAccountOps({ store, cardFingerprintSecret: 'a-secret-of-16-chars+' });
    const open = f.open();
    const card = f.card();
    await ops.execute(open, { idempotencyKey: 'open-1' });
    await ops.execute(card, { ...f.HOST_VERIFIED, idempotencyKey: 'card-2' });
    const records = JSON.stringify(await store.listRecords('idempotency'));
    // What someone with the records table and a list of candidate names would compute.
    const guessed = [open, { ...card, cardNumber: `hmac-sha256:${'0'.repeat(64)}` }].map(
      (command) => createHash('sha256').update(canonicalJson(command)).digest('hex'),
    );
    expect(records).not.toContain(guessed[0]);
    for (const value of [open.ownerName, open.ownerEmail, card.holderName]) {
      expect(records).not.toContain(value);
    }
    // The same request still replays; another owner under the same key is refused.
    expect((await ops.execute(open, { idempotencyKey: 'open-1' })).replayed).toBe(true);
    await expect(
      ops.execute({ ...open, ownerName: 'Someone Else' }, { idempotencyKey: 'open-1' }),
    ).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
  });
});

describe('the idempotency fingerprint of free text', () => {
  const plainDigest = (command: object) =>
    createHash('sha256').update(canonicalJson(command)).digest('hex');

  it('keys notes and reasons, so the records cannot confirm a guessed note', () => {
    const freeze = f.command('Freeze', { reason: 'manual', note: 'Zelda is moving to Oslo' });
    const fingerprint = IdempotencyLedger.fingerprint(freeze, keyed);
    expect(fingerprint).not.toBe(plainDigest(freeze));
    expect(fingerprint).toBe(plainDigest({ ...freeze, note: keyed('Zelda is moving to Oslo') }));
  });

  it('still matches records written when only the owner and holder fields were keyed, or none', () => {
    const card = f.card();
    const before = {
      ...card,
      cardNumber: keyed(card.cardNumber),
      holderName: keyed(card.holderName),
    };
    const entry = (fingerprint: string) => ({
      fingerprint,
      accountId: 'acc-1',
      commandType: card.type,
      fromVersion: 1,
      version: 1,
      recordedAt: '',
    });
    expect(IdempotencyLedger.matches(entry(plainDigest(before)), card, keyed)).toBe(true);
    const older = { ...card, cardNumber: keyed(card.cardNumber) };
    expect(IdempotencyLedger.matches(entry(plainDigest(older)), card, keyed)).toBe(true);
    const freeze = f.command('Freeze', { reason: 'manual', note: 'a note' });
    expect(IdempotencyLedger.matches(entry(plainDigest(freeze)), freeze, keyed)).toBe(true);
    expect(
      IdempotencyLedger.matches(entry(plainDigest(freeze)), { ...freeze, note: 'other' }, keyed),
    ).toBe(false);
  });
});
