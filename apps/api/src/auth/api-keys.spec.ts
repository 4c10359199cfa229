import { createHash } from 'node:crypto';
import { ApiKeyRing, InvalidApiKeys, apiKeyWarnings, parseApiKeys } from './api-keys';

const KEY_A = 'key-a-0123456789abcdef';
const KEY_B = 'key-b-0123456789abcdef';

describe('parseApiKeys', () => {
  it('parses key=actorId:role1|role2 entries, trimming blanks and empty entries', () => {
    expect(
      parseApiKeys(` ${KEY_A}=op-7:operator ; ${KEY_B} = fin-2 : approver|operator ;;`),
    ).toEqual([
      { key: KEY_A, actor: { id: 'op-7', roles: ['operator'] } },
      { key: KEY_B, actor: { id: 'fin-2', roles: ['approver', 'operator'] } },
    ]);
  });

  it('gives no keys for an unset or blank variable', () => {
    expect(parseApiKeys(undefined)).toEqual([]);
    expect(parseApiKeys('  ;  ')).toEqual([]);
  });

  it('de-duplicates repeated roles', () => {
    expect(parseApiKeys(`${KEY_A}=a:admin|admin`)[0]!.actor.roles).toEqual(['admin']);
  });

  it.each([
    ['no separator', `${KEY_A}`],
    ['no roles separator', `${KEY_A}=op-7`],
    ['empty key', '=op-7:operator'],
    ['short key', 'short=op-7:operator'],
    ['key with a space', 'key with spaces 0123=op-7:operator'],
    ['bad actor id', `${KEY_A}=op 7:operator`],
    ['no role', `${KEY_A}=op-7:`],
    ['unknown role', `${KEY_A}=op-7:superuser`],
    ['repeated key', `${KEY_A}=a:admin;${KEY_A}=b:auditor`],
  ])('refuses %s, naming the entry and never the key', (_case, text) => {
    let error: unknown;
    try {
      parseApiKeys(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidApiKeys);
    expect((error as Error).message).toMatch(/entry \d/);
    expect((error as Error).message).not.toContain(KEY_A);
  });
});

describe('ApiKeyRing', () => {
  const ring = new ApiKeyRing(parseApiKeys(`${KEY_A}=op-7:operator;${KEY_B}=au-1:auditor`));

  it('finds the actor of a configured key', () => {
    expect(ring.find(KEY_A)).toEqual({ id: 'op-7', roles: ['operator'] });
    expect(ring.find(KEY_B)?.id).toBe('au-1');
    expect(ring.size).toBe(2);
  });

  it('finds nothing for unknown keys, prefixes, extensions or case changes', () => {
    for (const guess of ['', 'key-a', `${KEY_A}x`, KEY_A.toUpperCase(), KEY_A.slice(0, -1)]) {
      expect(ring.find(guess)).toBeUndefined();
    }
  });

  it('keeps only digests, never the keys themselves', () => {
    expect(JSON.stringify(ring)).not.toContain(KEY_A);
  });
});

describe('hashed keys and expiry', () => {
  const hex = (text: string) => createHash('sha256').update(text).digest('hex');

  it('accepts sha256:<hex> in place of the key; only the key itself then works', () => {
    const ring = new ApiKeyRing(
      parseApiKeys(`sha256:${hex(KEY_A).toUpperCase()}=gw:payment_gateway`),
    );
    expect(ring.find(KEY_A)).toEqual({ id: 'gw', roles: ['payment_gateway'] });
    expect(ring.find(`sha256:${hex(KEY_A)}`)).toBeUndefined();
    expect(ring.find(hex(KEY_A))).toBeUndefined();
  });

  it('refuses the same key twice, once in clear and once hashed', () => {
    expect(() => parseApiKeys(`${KEY_A}=a:admin;sha256:${hex(KEY_A)}=b:auditor`)).toThrow(
      /entry 2 repeats/,
    );
  });

  it('ends a key at its expiry', () => {
    let now = Date.parse('2026-06-30T23:59:59Z');
    const entries = parseApiKeys(`${KEY_A}=gw:billing@2026-07-01`);
    expect(entries[0]!.expiresAt).toBe('2026-07-01T00:00:00.000Z');
    const ring = new ApiKeyRing(entries, () => now);
    expect(ring.lookup(KEY_A)).toEqual({ actor: { id: 'gw', roles: ['billing'] } });
    now += 1000;
    expect(ring.lookup(KEY_A)).toEqual({ refusal: 'expired' });
    expect(ring.lookup(KEY_B)).toEqual({ refusal: 'invalid' });
  });

  it.each([
    ['a short hash', `sha256:abcd=a:admin`],
    ['a non-hex hash', `sha256:${'g'.repeat(64)}=a:admin`],
    ['a bad expiry', `${KEY_A}=a:admin@tomorrow`],
    ['two expiries', `${KEY_A}=a:admin@2026-01-01@2027-01-01`],
  ])('refuses %s', (_case, text) => {
    expect(() => parseApiKeys(text)).toThrow(InvalidApiKeys);
  });

  it('warns about the deprecated system role, naming the actors', () => {
    expect(apiKeyWarnings(parseApiKeys(`${KEY_A}=gateway:system;${KEY_B}=gw:billing`))).toEqual([
      expect.stringMatching(/"system" is deprecated.*Actors: gateway$/),
    ]);
    expect(apiKeyWarnings(parseApiKeys(`${KEY_B}=gw:billing`))).toEqual([]);
  });
});
