/**
 * One hash of a proof as bundles and proof files write it: 32 bytes in canonical base64
 * (the text the bytes encode back to), so that no two texts stand for one hash.
 */
export function decodeProofHash(text: unknown): Uint8Array {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'base64') : Buffer.alloc(0);
  if (bytes.length !== 32 || bytes.toString('base64') !== text)
    throw new Error('a proof hash is not 32 bytes of base64');
  return bytes;
}

/**
 * A v2 bundle's proof: 32-byte hashes concatenated, in canonical base64. One buffer; the
 * proof's hashes are views into it.
 */
export function decodeProofHashes(text: string): Uint8Array {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.toString('base64') !== text) throw new Error('the proof is not canonical base64');
  if (bytes.length % 32 !== 0)
    throw new Error(`the proof is ${bytes.length} bytes, not a multiple of 32 (one per hash)`);
  return bytes;
}
