import { MemoryEventStore } from '@account-ops/event-store';
import { generate } from 'otplib';
import { parseTotpSecrets, TotpStepUpVerifier } from './totp-step-up-verifier';

// RFC 6238 appendix B test secret ("12345678901234567890" in base32).
const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const AT = new Date('2026-03-01T12:00:10.000Z');

async function codeAt(date: Date, secret = SECRET): Promise<string> {
  return generate({ secret, epoch: Math.floor(date.getTime() / 1000) });
}

describe('TotpStepUpVerifier', () => {
  const make = () => new TotpStepUpVerifier({ secrets: new Map([['op-1', SECRET]]) });

  it('matches the RFC 6238 SHA-1 reference value', async () => {
    // RFC 6238 appendix B: T = 59 s → 94287082 (8 digits); 6 digits → 287082.
    expect(await generate({ secret: SECRET, epoch: 59 })).toBe('287082');
  });

  it('accepts the current code once and refuses its replay', async () => {
    const verifier = make();
    const code = await codeAt(AT);
    expect(await verifier.verify('op-1', code, AT)).toBe(true);
    expect(await verifier.verify('op-1', code, new Date(AT.getTime() + 5000))).toBe(false);
  });

  it('accepts one step of drift and refuses older codes', async () => {
    const verifier = make();
    expect(await verifier.verify('op-1', await codeAt(new Date(AT.getTime() - 30_000)), AT)).toBe(
      true,
    );
    expect(await make().verify('op-1', await codeAt(new Date(AT.getTime() - 120_000)), AT)).toBe(
      false,
    );
  });

  it('refuses unknown actors, malformed codes and wrong codes', async () => {
    const verifier = make();
    const code = await codeAt(AT);
    expect(await verifier.verify('op-2', code, AT)).toBe(false);
    expect(await verifier.verify('op-1', '12345', AT)).toBe(false);
    expect(await verifier.verify('op-1', 'abcdef', AT)).toBe(false);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    expect(await verifier.verify('op-1', wrong, AT)).toBe(false);
  });

  it('keeps each actor’s replay memory separate', async () => {
    const verifier = new TotpStepUpVerifier({
      secrets: new Map([
        ['a', SECRET],
        ['b', SECRET],
      ]),
    });
    const code = await codeAt(AT);
    expect(await verifier.verify('a', code, AT)).toBe(true);
    expect(await verifier.verify('b', code, AT)).toBe(true);
  });
});

describe('TotpStepUpVerifier with used steps in the store', () => {
  const over = (store: MemoryEventStore) =>
    new TotpStepUpVerifier({ secrets: new Map([['op-1', SECRET]]), usedSteps: store });

  it('refuses a code another instance on the same store accepted (a restart or a second process)', async () => {
    const store = new MemoryEventStore();
    const code = await codeAt(AT);
    expect(await over(store).verify('op-1', code, AT)).toBe(true);
    expect(await over(store).verify('op-1', code, new Date(AT.getTime() + 5000))).toBe(false);
    // Without the store, a fresh instance would have accepted it: the store is what refuses.
    expect(
      await new TotpStepUpVerifier({ secrets: new Map([['op-1', SECRET]]) }).verify(
        'op-1',
        code,
        AT,
      ),
    ).toBe(true);
  });

  it('refuses an older, unused code once a newer one was accepted elsewhere', async () => {
    const store = new MemoryEventStore();
    expect(await over(store).verify('op-1', await codeAt(AT), AT)).toBe(true);
    const previous = await codeAt(new Date(AT.getTime() - 30_000));
    expect(await over(store).verify('op-1', previous, AT)).toBe(false);
  });

  it('lets exactly one of concurrent uses of one code through, in one process or several', async () => {
    const store = new MemoryEventStore();
    const code = await codeAt(AT);
    const one = over(store);
    const results = await Promise.all([
      one.verify('op-1', code, AT),
      one.verify('op-1', code, AT),
      over(store).verify('op-1', code, AT),
      over(store).verify('op-1', code, AT),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('stores the actor and step only, and drops rows that can no longer match', async () => {
    const store = new MemoryEventStore();
    const code = await codeAt(AT);
    expect(await over(store).verify('op-1', code, AT)).toBe(true);
    const rows = await store.listRecords('step-up-used');
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(code);
    expect(JSON.stringify(rows)).not.toContain(SECRET);
    const later = new Date(AT.getTime() + 10 * 60_000);
    expect(await over(store).verify('op-1', await codeAt(later), later)).toBe(true);
    expect((await store.listRecords('step-up-used')).map((r) => r.key)).toEqual([
      `op-1/${Math.floor(later.getTime() / 30_000)}`,
    ]);
  });
});

describe('parseTotpSecrets', () => {
  it('parses actorId=BASE32 pairs', () => {
    expect(
      parseTotpSecrets(` op-1=${SECRET.toLowerCase()} ; admin-1=JBSWY3DPEHPK3PXPJBSWY3DP;`),
    ).toEqual(
      new Map([
        ['op-1', SECRET],
        ['admin-1', 'JBSWY3DPEHPK3PXPJBSWY3DP'],
      ]),
    );
    expect(parseTotpSecrets(undefined).size).toBe(0);
  });

  it('refuses malformed entries without echoing the secret', () => {
    expect(() => parseTotpSecrets('op-1=not-base32!!secret')).toThrow(/entry 1/);
    expect(() => parseTotpSecrets('op-1=not-base32!!secret')).not.toThrow(/secret$/);
    expect(() => parseTotpSecrets('=ABCDEFGHIJKLMNOP')).toThrow();
    expect(() => parseTotpSecrets('op-1=SHORT')).toThrow();
  });
});
