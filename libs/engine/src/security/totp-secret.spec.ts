import {
  TOTP_SECRET_RULE,
  TotpSecretRejected,
  checkTotpSecret,
  parseTotpSecrets,
} from './totp-secret';

// RFC 6238 appendix B test secret ("12345678901234567890", 160 bits, in base32).
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
// The 80-bit example that authenticator apps and many tutorials show.
const TUTORIAL_SECRET = 'JBSWY3DPEHPK3PXP';
// 16 bytes of 0xAB: exactly 128 bits, 26 base32 characters unpadded.
const SECRET_128 = 'VOV2XK5LVOV2XK5LVOV2XK5LVM';

describe('checkTotpSecret', () => {
  it('accepts 128 bits and more, normalising case and white space', () => {
    expect(checkTotpSecret('a', RFC_SECRET)).toBe(RFC_SECRET);
    expect(checkTotpSecret('a', SECRET_128)).toBe(SECRET_128);
    expect(checkTotpSecret('a', `${SECRET_128}======`)).toBe(`${SECRET_128}======`);
    expect(checkTotpSecret('a', ' gezd gnbv gy3t qojq gezd gnbv gy3t qojq ')).toBe(RFC_SECRET);
  });

  it.each([
    [TUTORIAL_SECRET, /80 bits long, below 128 bits/],
    [SECRET_128.slice(0, 24), /120 bits long, below 128 bits/],
    ['GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJ!', /is not base32/],
    ['GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJ0', /is not base32/], // 0 and 1 are not in the alphabet
    ['GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQG', /is not base32/], // 33 characters: no whole byte
    ['', /is not base32/],
    ['A'.repeat(104), /65 bytes long, above 64/],
  ])('refuses %j, naming the actor and the rule, never the secret', (secret, problem) => {
    const check = () => checkTotpSecret('olivia', secret);
    expect(check).toThrow(TotpSecretRejected);
    expect(check).toThrow(problem);
    expect(check).toThrow(/actor "olivia"/);
    expect(check).toThrow(TOTP_SECRET_RULE);
    if (secret !== '') expect(check).not.toThrow(secret);
  });
});

describe('parseTotpSecrets', () => {
  it('parses actorId=BASE32 pairs', () => {
    expect(parseTotpSecrets(` op-1=${RFC_SECRET.toLowerCase()} ; admin-1=${SECRET_128};`)).toEqual(
      new Map([
        ['op-1', RFC_SECRET],
        ['admin-1', SECRET_128],
      ]),
    );
    expect(parseTotpSecrets(undefined).size).toBe(0);
    expect(parseTotpSecrets(' ; ').size).toBe(0);
  });

  it('refuses the 80-bit tutorial secret, naming the variable and the actor, not the secret', () => {
    const parse = () => parseTotpSecrets(`op-1=${RFC_SECRET};olivia=${TUTORIAL_SECRET}`);
    expect(parse).toThrow(
      /^ACCOUNT_OPS_TOTP_SECRETS: the TOTP secret of actor "olivia" is 80 bits/,
    );
    expect(parse).not.toThrow(TUTORIAL_SECRET);
  });

  it('refuses entries without an actor, and an actor listed twice', () => {
    expect(() => parseTotpSecrets(`=${RFC_SECRET}`)).toThrow(/entry 1 is not actorId=BASE32/);
    expect(() => parseTotpSecrets(`op-1=${RFC_SECRET};${RFC_SECRET}`)).toThrow(/entry 2/);
    expect(() => parseTotpSecrets(`op-1=${RFC_SECRET};op-1=${SECRET_128}`)).toThrow(/listed twice/);
  });

  it('never echoes a malformed secret', () => {
    const parse = () => parseTotpSecrets('op-1=not-base32!!secret');
    expect(parse).toThrow(/actor "op-1" is not base32/);
    expect(parse).not.toThrow(/not-base32!!secret/);
  });
});
