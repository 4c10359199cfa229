import { verify } from 'node:crypto';
import { publicKeyObject, type VerifierKey } from './verifier-key';

/** One signature line: `— <name> <base64(key id || signature)>`. */
export interface NoteSignature {
  readonly name: string;
  readonly keyId: number;
  readonly signature: Uint8Array;
}

export interface ParsedNote {
  /** Everything up to and including the newline before the blank line: what is signed. */
  readonly text: string;
  readonly signatures: readonly NoteSignature[];
}

const SIGNATURE_LINE = /^\u2014 ([^\s+]+) ([A-Za-z0-9+/]+={0,2})$/u;

/** Splits a signed note (C2SP signed-note) into its text and signature lines. */
export function parseSignedNote(note: string): ParsedNote {
  if (note.includes('\r')) throw new Error('a signed note has LF line endings only');
  const split = note.lastIndexOf('\n\n');
  if (split < 0 || !note.endsWith('\n')) {
    throw new Error('not a signed note: no blank line before the signatures, or no final newline');
  }
  const text = note.slice(0, split + 1);
  const lines = note.slice(split + 2, -1).split('\n');
  const signatures = lines.map((line) => {
    const match = SIGNATURE_LINE.exec(line);
    if (!match) throw new Error(`not a signature line: ${JSON.stringify(line.slice(0, 80))}`);
    const blob = Buffer.from(match[2]!, 'base64');
    if (blob.length < 5) throw new Error('a signature line is too short');
    return { name: match[1]!, keyId: blob.readUInt32BE(0), signature: blob.subarray(4) };
  });
  if (signatures.length === 0) throw new Error('the note carries no signature');
  return { text, signatures };
}

/**
 * Opens a signed note with one trusted key: its text when a signature line with the key's
 * name and id verifies over the text; throws saying why otherwise (no signature by this
 * key, or one that does not verify).
 */
export function openSignedNote(note: string, key: VerifierKey): string {
  const parsed = parseSignedNote(note);
  const mine = parsed.signatures.filter((s) => s.name === key.name && s.keyId === key.keyId);
  if (mine.length === 0) {
    const seen = parsed.signatures
      .map((s) => `${s.name}+${s.keyId.toString(16).padStart(8, '0')}`)
      .join(', ');
    throw new Error(
      `the checkpoint is not signed by the trusted key ${key.name}+${key.keyId.toString(16).padStart(8, '0')} (signed by ${seen})`,
    );
  }
  const publicKey = publicKeyObject(key.publicKey);
  const valid = mine.some(
    (s) =>
      s.signature.length === 64 &&
      verify(null, Buffer.from(parsed.text, 'utf8'), publicKey, s.signature),
  );
  if (!valid)
    throw new Error(`the signature of ${key.name} does not verify over the checkpoint text`);
  return parsed.text;
}
