import { randomBytes } from 'node:crypto';
import { generate } from 'otplib';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** A fresh 160-bit TOTP secret in base32 (RFC 4648, no padding), as an authenticator app holds. */
export function newTotpSecret(): string {
  let bits = '';
  for (const byte of randomBytes(20)) bits += byte.toString(2).padStart(8, '0');
  return bits
    .match(/.{5}/g)!
    .map((chunk) => ALPHABET[parseInt(chunk, 2)])
    .join('');
}

/** The RFC 6238 code an authenticator app shows for `secret` now (real time: a real server). */
export function currentCode(secret: string, atMs = Date.now()): Promise<string> {
  return generate({ secret, epoch: Math.floor(atMs / 1000) });
}
