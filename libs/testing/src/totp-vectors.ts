/**
 * RFC 6238 appendix B, the SHA-1 rows: secret "12345678901234567890" (base32 below) and the
 * published 8-digit values truncated to the 6 digits this service uses (HOTP truncation is
 * the value mod 10^digits). Written down, not computed, so tests do not lean on the library
 * they check.
 */
export const RFC_6238_SHA1_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

export const RFC_6238_SHA1_VECTORS: ReadonlyArray<{
  readonly unixSeconds: number;
  readonly code: string;
}> = [
  { unixSeconds: 59, code: '287082' }, // 94287082
  { unixSeconds: 1111111109, code: '081804' }, // 07081804
  { unixSeconds: 1111111111, code: '050471' }, // 14050471
  { unixSeconds: 1234567890, code: '005924' }, // 89005924
  { unixSeconds: 2000000000, code: '279037' }, // 69279037
];
