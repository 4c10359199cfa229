import { createHmac } from 'node:crypto';

/**
 * Keyed fingerprint of a card number (HMAC-SHA256 with a server secret): auditors can
 * tell whether a card changed without the number being stored, and without the
 * fingerprint being reversible by brute force over the small PAN space.
 */
export function cardFingerprinter(secret: string): (pan: string) => string {
  if (secret.length < 16)
    throw new Error('the card fingerprint secret must be at least 16 characters');
  return (pan) => `hmac-sha256:${createHmac('sha256', secret).update(pan).digest('hex')}`;
}
