import { parseVerifierKey, type VerifierKey } from '@account-ops/evidence-verifier';
import { isAscii } from 'node:buffer';
import { existsSync, readFileSync } from 'node:fs';
import { CliError, ExitCode, usageError } from '../support/exit-codes';

/**
 * `--public-key`: the verifier key text (`name+keyid+base64`, as `account-ops checkpoint
 * --show-key` prints it), or a file holding it or an SPKI PEM public key (then the log
 * origin, from the checkpoint, is its name).
 */
export function trustedKey(option: string, originForPem?: string): VerifierKey {
  const text = existsSync(option) ? readFileSync(option, 'utf8') : option;
  try {
    return parseVerifierKey(text, originForPem);
  } catch (error) {
    throw usageError(`--public-key: ${(error as Error).message}`);
  }
}

/** A saved file the command needs (bundle, checkpoint, proof); exit 3 when missing. */
export function readInput(path: string, what: string): string {
  try {
    const bytes = readFileSync(path);
    // ASCII (as the tools write bundles: asciiJson) reads as one-byte text, several times
    // faster to decode and to parse than the two-byte text UTF-8 decoding makes of a file
    // with one non-ASCII character; the characters are the same either way.
    return bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
  } catch (error) {
    throw new CliError(
      ExitCode.NotFound,
      `cannot read the ${what} ${path} (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`,
    );
  }
}

/** Parses JSON input, exit 1 with the reason when it is not JSON (a damaged file is a failed check). */
export function parseJsonInput(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new CliError(
      ExitCode.CheckFailed,
      `the ${what} is not valid JSON (${(error as Error).message})`,
    );
  }
}

/** The origin line of a checkpoint note (unverified: only to name a PEM key). */
export function originOf(note: string): string | undefined {
  return note.split('\n', 1)[0] || undefined;
}
