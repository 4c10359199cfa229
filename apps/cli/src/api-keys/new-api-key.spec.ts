import { execFileSync } from 'node:child_process';
import { ApiKeyRing, parseApiKeys } from '../../../api/src/auth/api-keys';
import { newApiKey } from './new-api-key';

describe('newApiKey (account-ops api-keys generate)', () => {
  it('gives a key and an entry the API accepts, holding only the key’s SHA-256', () => {
    const { key, configLine } = newApiKey('payment-gateway', ['payment_gateway']);
    expect(configLine).not.toContain(key);
    expect(configLine).toMatch(/^sha256:[0-9a-f]{64}=payment-gateway:payment_gateway$/);
    const ring = new ApiKeyRing(parseApiKeys(configLine));
    expect(ring.find(key)).toEqual({ id: 'payment-gateway', roles: ['payment_gateway'] });
    // The configuration value itself is not a usable key.
    expect(ring.find(configLine.split('=')[0]!)).toBeUndefined();
  });

  it('hashes as coreutils sha256sum does (an independent implementation)', () => {
    const { key, configLine } = newApiKey('billing-1', ['billing']);
    const hex = execFileSync('sha256sum', { input: key }).toString().split(' ')[0];
    expect(configLine.startsWith(`sha256:${hex}=`)).toBe(true);
  });

  it('carries the expiry, after which the API refuses the key', () => {
    const expires = new Date('2027-01-01T00:00:00Z');
    const { key, configLine } = newApiKey('idp', ['identity_provider'], expires);
    expect(configLine.endsWith('@2027-01-01T00:00:00.000Z')).toBe(true);
    let now = Date.parse('2026-12-31T23:59:59Z');
    const ring = new ApiKeyRing(parseApiKeys(configLine), () => now);
    expect(ring.lookup(key)).toEqual({ actor: { id: 'idp', roles: ['identity_provider'] } });
    now = expires.getTime();
    expect(ring.lookup(key)).toEqual({ refusal: 'expired' });
  });

  it('makes a different key every time (random bytes, not derived from the actor)', () => {
    expect(newApiKey('a', ['scheduler']).key).not.toBe(newApiKey('a', ['scheduler']).key);
  });

  it.each([
    ['a bad actor id', 'bad id', ['billing']],
    ['no role', 'a', []],
    ['an unknown role', 'a', ['root']],
  ])('refuses %s as a usage error', (_case, actor, roles) => {
    expect(() => newApiKey(actor, roles)).toThrow(expect.objectContaining({ exitCode: 2 }));
  });
});
