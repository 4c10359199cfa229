import { createHash, createPublicKey, type KeyObject } from 'node:crypto';

/** The signed-note algorithm byte for Ed25519. */
const ED25519 = 0x01;

/** A signer's public identity, as C2SP signed-note defines it. */
export interface VerifierKey {
  readonly name: string;
  /** First 4 bytes of SHA-256(name || 0x0A || 0x01 || public key), big-endian. */
  readonly keyId: number;
  /** The raw 32-byte Ed25519 public key. */
  readonly publicKey: Uint8Array;
}

/**
 * A key name as signed-note allows it: non-empty, no Unicode spaces, no `+`. The
 * checkpoint origin is used as the name (tlog-checkpoint recommends it).
 */
export function assertKeyName(name: string): void {
  if (name.length === 0 || /[\s+]/u.test(name)) {
    throw new Error(`key name ${JSON.stringify(name)} must be non-empty, without spaces or '+'`);
  }
}

/** The key id of signed-note: SHA-256(name || 0x0A || 0x01 || key)[0..4]. */
export function keyIdOf(name: string, publicKey: Uint8Array): number {
  const digest = createHash('sha256')
    .update(name, 'utf8')
    .update(Uint8Array.of(0x0a, ED25519))
    .update(publicKey)
    .digest();
  return digest.readUInt32BE(0);
}

const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** The raw 32 bytes of an Ed25519 public key object. */
export function rawPublicKey(key: KeyObject): Uint8Array {
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('not an Ed25519 key');
  const der = key.export({ type: 'spki', format: 'der' });
  return der.subarray(SPKI_ED25519_PREFIX.length);
}

/** A node:crypto key object for a raw 32-byte Ed25519 public key. */
export function publicKeyObject(raw: Uint8Array): KeyObject {
  if (raw.length !== 32) throw new Error('an Ed25519 public key has 32 bytes');
  return createPublicKey({
    key: Buffer.concat([SPKI_ED25519_PREFIX, raw]),
    format: 'der',
    type: 'spki',
  });
}

/** The verifier-key text `<name>+<key id, 8 hex>+<base64(0x01 || key)>`. */
export function formatVerifierKey(key: VerifierKey): string {
  const material = Buffer.concat([Uint8Array.of(ED25519), key.publicKey]).toString('base64');
  return `${key.name}+${key.keyId.toString(16).padStart(8, '0')}+${material}`;
}

/** Builds the verifier key of a name and public key (raw bytes or key object). */
export function verifierKey(name: string, publicKey: Uint8Array | KeyObject): VerifierKey {
  assertKeyName(name);
  const raw = publicKey instanceof Uint8Array ? publicKey : rawPublicKey(publicKey);
  return { name, keyId: keyIdOf(name, raw), publicKey: raw };
}

/**
 * Parses a verifier key: the signed-note text form (`name+hash+base64`), or an SPKI PEM
 * public key together with the expected name. Refuses a key whose id does not match.
 */
export function parseVerifierKey(text: string, nameForPem?: string): VerifierKey {
  const trimmed = text.trim();
  if (trimmed.startsWith('-----BEGIN PUBLIC KEY-----')) {
    if (!nameForPem) throw new Error('a PEM public key needs the log origin as its name');
    return verifierKey(nameForPem, createPublicKey(trimmed));
  }
  const match = /^([^+\s]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/]+={0,2})$/.exec(trimmed);
  if (!match)
    throw new Error('not a verifier key (expected name+keyid+base64, or a PEM public key)');
  const [, name, hex, material] = match;
  const bytes = Buffer.from(material!, 'base64');
  if (bytes.length !== 33 || bytes[0] !== ED25519) {
    throw new Error('the verifier key is not an Ed25519 key (algorithm byte 0x01, 32 bytes)');
  }
  const key = verifierKey(name!, bytes.subarray(1));
  if (key.keyId !== parseInt(hex!, 16))
    throw new Error('the verifier key id does not match its key');
  return key;
}
