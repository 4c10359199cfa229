import * as nodeCrypto from 'node:crypto';
import { createHash } from 'node:crypto';

// Internal to the package: not exported from its index.

/**
 * Node's one-shot `crypto.hash` (20.12 and later): about 1.7× faster per hash than a
 * `createHash` object here, and proofs and bundle checks hash hundreds to thousands of
 * nodes and events. Older Node 20 releases lack it; they take the streaming hash.
 */
export const oneShot = (
  nodeCrypto as {
    hash?: {
      (algorithm: string, data: Uint8Array, encoding: 'buffer'): Buffer;
      (algorithm: string, data: string | Uint8Array, encoding: 'hex' | 'latin1'): string;
    };
  }
).hash;

/** SHA-256 of a text's UTF-8 bytes, in lowercase hex (the event hashes of the chain). */
export function sha256Hex(text: string): string {
  return oneShot
    ? oneShot('sha256', text, 'hex')
    : createHash('sha256').update(text, 'utf8').digest('hex');
}
