import { ValidationFailed } from '@account-ops/accounts';
import { MemoryEventStore } from '@account-ops/event-store';
import { RFC_6238_SHA1_SECRET, RFC_6238_SHA1_VECTORS } from '@account-ops/testing';
import { createHmac, randomBytes } from 'node:crypto';
import { generate } from 'otplib';
import { TotpSecretRejected } from './totp-secret';
import { TotpStepUpVerifier } from './totp-step-up-verifier';

const SECRET = RFC_6238_SHA1_SECRET;
const AT = new Date('2026-03-01T12:00:10.000Z');

async function codeAt(date: Date, secret = SECRET): Promise<string> {
  return generate({ secret, epoch: Math.floor(date.getTime() / 1000) });
}

/** RFC 4648 base32 without padding, written out so the test does not lean on the library. */
function base32(bytes: Buffer): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const byte of bytes) bits += byte.toString(2).padStart(8, '0');
  let out = '';
  for (let i = 0; i < bits.length; i += 5)
    out += alphabet[parseInt(bits.slice(i, i + 5).padEnd(5, '0'), 2)];
  return out;
}

/** RFC 4226 HOTP (SHA-1, dynamic truncation, 6 digits) with T = floor(unix / 30) as RFC 6238 says. */
function handRolledTotp(key: Buffer, unixSeconds: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(unixSeconds / 30)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 1_000_000).padStart(6, '0');
}

describe('TotpStepUpVerifier', () => {
  const make = () => new TotpStepUpVerifier({ secrets: new Map([['op-1', SECRET]]) });

  it.each(RFC_6238_SHA1_VECTORS)(
    'accepts the RFC 6238 appendix B code at T=$unixSeconds ($code), refuses its neighbours',
    async ({ unixSeconds, code }) => {
      const at = new Date(unixSeconds * 1000);
      const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
      const verifier = make();
      expect(await verifier.verify('op-1', wrong, at)).toBe(false);
      expect(await verifier.verify('op-1', code, at)).toBe(true);
    },
  );

  it('accepts codes from an independent HOTP over a random 160-bit secret, and refuses others', async () => {
    const key = randomBytes(20);
    const verifier = new TotpStepUpVerifier({ secrets: new Map([['op-9', base32(key)]]) });
    for (const minutes of [0, 7, 60 * 24 * 365]) {
      const at = new Date(AT.getTime() + minutes * 60_000);
      const right = handRolledTotp(key, at.getTime() / 1000);
      const otherKey = handRolledTotp(randomBytes(20), at.getTime() / 1000);
      if (otherKey !== right) expect(await verifier.verify('op-9', otherKey, at)).toBe(false);
      expect(await verifier.verify('op-9', right, at)).toBe(true);
    }
  });

  it('accepts the current code once and refuses its replay', async () => {
    const verifier = make();
    const code = await codeAt(AT);
    expect(await verifier.verify('op-1', code, AT)).toBe(true);
    expect(await verifier.verify('op-1', code, new Date(AT.getTime() + 5000))).toBe(false);
  });

  it('refuses a replay without asking the library even when the clock goes back', async () => {
    const verifier = make();
    expect(await verifier.verify('op-1', await codeAt(AT), AT)).toBe(true);
    const earlier = new Date(AT.getTime() - 10 * 60_000);
    // Every step in the window at `earlier` is older than the accepted one: a refusal, not an error.
    expect(await verifier.verify('op-1', await codeAt(earlier), earlier)).toBe(false);
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

  it('refuses unknown actors and wrong codes', async () => {
    const verifier = make();
    const code = await codeAt(AT);
    expect(await verifier.verify('op-2', code, AT)).toBe(false);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    expect(await verifier.verify('op-1', wrong, AT)).toBe(false);
  });

  it.each(['12345', '1234567', 'abcdef', '12345a', ' 12345', '１２３４５６'])(
    'calls a malformed code (%j) a validation failure, not a wrong code',
    async (code) => {
      await expect(make().verify('op-1', code, AT)).rejects.toBeInstanceOf(ValidationFailed);
    },
  );

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

  it('refuses to be built with a secret it could not use, naming the actor, never the secret', () => {
    const build = () =>
      new TotpStepUpVerifier({ secrets: new Map([['olivia', 'JBSWY3DPEHPK3PXP']]) });
    expect(build).toThrow(TotpSecretRejected);
    expect(build).toThrow(/"olivia".*80 bits.*128 bits/);
    expect(build).not.toThrow(/JBSWY3DPEHPK3PXP/);
  });

  it('refuses a drift window the library would reject', () => {
    const build = (toleranceSeconds: number) =>
      new TotpStepUpVerifier({ secrets: new Map([['op-1', SECRET]]), toleranceSeconds });
    expect(() => build(-1)).toThrow(RangeError);
    expect(() => build(3600)).toThrow(RangeError);
    expect(() => build(1.5)).toThrow(RangeError);
    expect(() => build(0)).not.toThrow();
  });

  it('uses the secrets it checked, not a map changed later', async () => {
    const secrets = new Map([['op-1', SECRET]]);
    const verifier = new TotpStepUpVerifier({ secrets });
    secrets.set('op-1', 'JBSWY3DPEHPK3PXP');
    expect(await verifier.verify('op-1', await codeAt(AT), AT)).toBe(true);
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
