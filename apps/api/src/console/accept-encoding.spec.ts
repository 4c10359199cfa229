import { chooseEncoding } from './accept-encoding';

const OFFERED = ['br', 'gzip'];

describe('chooseEncoding', () => {
  it.each([
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip, deflate', 'gzip'],
    ['br;q=0.5, gzip;q=1', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['BR', 'br'],
    ['*', 'br'],
    ['*;q=0.1, br;q=0', 'gzip'],
    ['identity', undefined],
    ['gzip;q=0, br;q=0', undefined],
    ['deflate', undefined],
    [undefined, undefined],
    ['', undefined],
    ['gzip;q=abc', undefined],
  ])('Accept-Encoding %p → %p', (header, expected) => {
    expect(chooseEncoding(header, OFFERED)).toBe(expected);
  });
});
