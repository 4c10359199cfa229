import { LocalKeyProvider } from '../local-key-provider';

/**
 * A fixed key-encryption key for tests that build several engines on one store through
 * wrappers (proxies, other processes): they must all unwrap with the same key. `fill`
 * gives another key material under the same or another id (a wrong key).
 */
export function testKeyProvider(id = 'test-kek-1', fill = 1): LocalKeyProvider {
  return new LocalKeyProvider([{ id, key: Buffer.alloc(32, fill) }], 'the test key ring');
}
