import { eventLeafHash } from '../merkle/leaf';
import { BundleLeafHasher } from './bundle-leaf';

describe('BundleLeafHasher', () => {
  it('gives eventLeafHash byte for byte, positions small, at 2^53 and up to 2^64 - 1', () => {
    const positions = [
      '0',
      '1',
      '4294967295',
      '4294967296',
      '999999999999999',
      '9007199254740991',
      '9007199254740993',
      '18446744073709551615',
    ];
    for (const streamId of ['account-acc-1', 'account-é€😀']) {
      const hasher = new BundleLeafHasher(streamId);
      positions.forEach((commit, i) => {
        const prepare = positions[positions.length - 1 - i]!;
        const version = i * 1_000_003 + 1;
        const hash = i.toString(16).padStart(2, '0').repeat(32);
        const expected = eventLeafHash({
          position: { commit: BigInt(commit), prepare: BigInt(prepare) },
          streamId,
          version,
          hash,
        });
        expect({
          commit,
          hex: Buffer.from(hasher.leaf(commit, prepare, version, hash)).toString('hex'),
        }).toEqual({
          commit,
          hex: Buffer.from(expected).toString('hex'),
        });
      });
    }
  });

  it('refuses a position above 2^64 - 1 and a hash that is not 64 hex digits', () => {
    const hasher = new BundleLeafHasher('account-a');
    expect(() => hasher.leaf('18446744073709551616', '1', 1, 'ab'.repeat(32))).toThrow(
      'out of range',
    );
    expect(() => hasher.leaf('1', '1', 1, 'xy'.repeat(32))).toThrow('64 hex digits');
  });
});
