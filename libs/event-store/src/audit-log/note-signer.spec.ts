import { execFileSync } from 'node:child_process';
import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  formatVerifierKey,
  openSignedNote,
  parseSignedNote,
  parseVerifierKey,
} from '@account-ops/evidence-verifier';
import { NoteSigner } from './note-signer';

/**
 * The published example of golang.org/x/mod/sumdb/note (the reference implementation of
 * C2SP signed-note): its private key, verifier key, text and signed note.
 */
const GO_SIGNER_KEY =
  'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const GO_VERIFIER_KEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const GO_TEXT =
  'If you think cryptography is the answer to your problem,\n' +
  "then you don't know what your problem is.\n";
const GO_NOTE =
  GO_TEXT +
  '\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';

function goSigner(): NoteSigner {
  const seed = Buffer.from(GO_SIGNER_KEY.split('+').slice(4).join('+'), 'base64').subarray(1);
  const pkcs8 = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
  return new NoteSigner(
    'PeterNeumann',
    createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }),
  );
}

describe('signed notes against the Go reference example', () => {
  it('signs the example text byte for byte as the Go implementation does', () => {
    const signer = goSigner();
    expect(formatVerifierKey(signer.verifier)).toBe(GO_VERIFIER_KEY);
    expect(signer.sign(GO_TEXT)).toBe(GO_NOTE);
  });

  it('opens the Go note with the Go verifier key, and refuses it changed or under another key', () => {
    const key = parseVerifierKey(GO_VERIFIER_KEY);
    expect(openSignedNote(GO_NOTE, key)).toBe(GO_TEXT);
    expect(() => openSignedNote(GO_NOTE.replace('cryptography', 'cryptographY'), key)).toThrow(
      'does not verify',
    );
    const other = NoteSigner.fromPem(
      'PeterNeumann',
      generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    );
    expect(() => openSignedNote(other.sign(GO_TEXT), key)).toThrow('not signed by the trusted key');
  });

  it('refuses a verifier key whose id does not match its key', () => {
    expect(() => parseVerifierKey(GO_VERIFIER_KEY.replace('c74f20a3', 'c74f20a4'))).toThrow(
      'id does not match',
    );
  });

  it('makes signatures that openssl verifies', () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const signer = new NoteSigner('example.com/log', privateKey);
    const note = signer.sign(
      'example.com/log\n7\n' + Buffer.alloc(32, 1).toString('base64') + '\n',
    );
    const parsed = parseSignedNote(note);
    const dir = mkdtempSync(join(tmpdir(), 'note-'));
    try {
      writeFileSync(join(dir, 'pub.pem'), signer.publicKeyPem());
      writeFileSync(join(dir, 'text'), parsed.text);
      writeFileSync(join(dir, 'sig'), parsed.signatures[0]!.signature);
      const args = [
        'pkeyutl',
        '-verify',
        '-pubin',
        '-inkey',
        'pub.pem',
        '-rawin',
        '-in',
        'text',
        '-sigfile',
        'sig',
      ];
      expect(execFileSync('openssl', args, { cwd: dir }).toString()).toContain(
        'Signature Verified Successfully',
      );
      writeFileSync(join(dir, 'text'), parsed.text.replace('\n7\n', '\n8\n'));
      expect(() => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' })).toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
