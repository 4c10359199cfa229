import { createPrivateKey, createPublicKey, type KeyObject, sign } from 'node:crypto';
import { parseSignedNote, verifierKey, type VerifierKey } from '@account-ops/evidence-verifier';

/**
 * Signs note text with an Ed25519 key (C2SP signed-note): the text, a blank line, and
 * `— <name> <base64(key id || signature)>`. Ed25519 is deterministic, so one text and
 * key always give the same note.
 */
export class NoteSigner {
  readonly verifier: VerifierKey;

  constructor(
    readonly name: string,
    private readonly privateKey: KeyObject,
  ) {
    if (privateKey.asymmetricKeyType !== 'ed25519') {
      throw new Error('the checkpoint signing key must be an Ed25519 key (PKCS#8)');
    }
    this.verifier = verifierKey(name, createPublicKey(privateKey));
  }

  /** A signer from a PKCS#8 PEM private key. */
  static fromPem(name: string, pem: string): NoteSigner {
    return new NoteSigner(name, createPrivateKey({ key: pem, format: 'pem' }));
  }

  sign(text: string): string {
    if (!text.endsWith('\n')) throw new Error('note text ends with a newline');
    const signature = sign(null, Buffer.from(text, 'utf8'), this.privateKey);
    const id = Buffer.alloc(4);
    id.writeUInt32BE(this.verifier.keyId);
    const line = `\u2014 ${this.name} ${Buffer.concat([id, signature]).toString('base64')}\n`;
    const note = `${text}\n${line}`;
    parseSignedNote(note); // refuses text that would not parse back (e.g. holding a blank line)
    return note;
  }

  /** The public key as SPKI PEM, for tools that want PEM (openssl). */
  publicKeyPem(): string {
    return createPublicKey(this.privateKey).export({ type: 'spki', format: 'pem' }).toString();
  }
}
