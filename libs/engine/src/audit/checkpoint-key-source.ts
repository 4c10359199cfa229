import { NoteSigner } from '@account-ops/event-store';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DevelopmentKeyPlace } from '../privacy/master-key-source';

export const CHECKPOINT_KEY_VARIABLE = 'ACCOUNT_OPS_CHECKPOINT_KEY';
export const CHECKPOINT_KEY_FILE_VARIABLE = 'ACCOUNT_OPS_CHECKPOINT_KEY_FILE';
export const CHECKPOINT_ORIGIN_VARIABLE = 'ACCOUNT_OPS_CHECKPOINT_ORIGIN';
export const DEFAULT_CHECKPOINT_ORIGIN = 'account-ops.local/audit-log';

/**
 * Where the checkpoint signing key comes from: a port, so that an HSM or a KMS can sign
 * instead. The key never comes from the database: whoever can write the store must not
 * be able to sign checkpoints for it.
 */
export interface CheckpointKeyProvider {
  /** Answers the signer; throws {@link CheckpointKeyConfigError} when no key is configured. */
  signer(): NoteSigner;
}

/** The checkpoint key is missing or unusable; the message names the variable, never the key. */
export class CheckpointKeyConfigError extends Error {
  override readonly name = 'CheckpointKeyConfigError';
}

export interface CheckpointKeyOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Where the development key lives (the master key's place, another file name). */
  readonly developmentKey: DevelopmentKeyPlace;
  /** Create the development key if missing (the API); the CLI only reads. */
  readonly generate: boolean;
}

export interface CheckpointKeySetup {
  readonly provider: CheckpointKeyProvider;
  readonly notice?: string;
}

/**
 * The default provider: an Ed25519 PKCS#8 PEM in `ACCOUNT_OPS_CHECKPOINT_KEY` or in the
 * file `ACCOUNT_OPS_CHECKPOINT_KEY_FILE` names, signing as `ACCOUNT_OPS_CHECKPOINT_ORIGIN`.
 * Production requires one; elsewhere a development key is generated beside the store
 * (`<sqlite file>.checkpoint-key.pem`, `data/account-ops.checkpoint-key.pem` for server
 * stores, in memory for memory stores), as for the master key.
 */
export function checkpointKeyFromEnvironment(options: CheckpointKeyOptions): CheckpointKeySetup {
  const { env } = options;
  const origin = env[CHECKPOINT_ORIGIN_VARIABLE]?.trim() || DEFAULT_CHECKPOINT_ORIGIN;
  const inline = env[CHECKPOINT_KEY_VARIABLE]?.trim();
  const file = env[CHECKPOINT_KEY_FILE_VARIABLE]?.trim();
  if (inline && file) {
    throw new CheckpointKeyConfigError(
      `set ${CHECKPOINT_KEY_VARIABLE} or ${CHECKPOINT_KEY_FILE_VARIABLE}, not both`,
    );
  }
  if (inline) return { provider: fixed(origin, inline, CHECKPOINT_KEY_VARIABLE) };
  if (file) return { provider: fixed(origin, readKey(file, CHECKPOINT_KEY_FILE_VARIABLE), file) };
  if (env.NODE_ENV === 'production') {
    throw new CheckpointKeyConfigError(
      `${CHECKPOINT_KEY_VARIABLE} (an Ed25519 PKCS#8 PEM) or ${CHECKPOINT_KEY_FILE_VARIABLE} is required when NODE_ENV=production`,
    );
  }
  const place = options.developmentKey;
  if (place.kind === 'memory') {
    const pem = generatePem();
    return { provider: fixed(origin, pem, 'the development checkpoint key in memory') };
  }
  const path = place.path.replace(/\.master-key$/, '') + '.checkpoint-key.pem';
  if (!existsSync(path)) {
    if (!options.generate) {
      return {
        provider: {
          signer: () => {
            throw new CheckpointKeyConfigError(
              `${CHECKPOINT_KEY_VARIABLE} is not set and there is no ${path}: set it as for the API`,
            );
          },
        },
      };
    }
    createKeyFile(path);
  }
  return {
    provider: fixed(origin, readKey(path, path), path),
    notice: `${CHECKPOINT_KEY_VARIABLE} is not set: signing checkpoints with the development key ${path} (production refuses to start without one)`,
  };
}

/** A fresh Ed25519 private key as PKCS#8 PEM (for operators: `account-ops checkpoint --new-key`). */
export function generatePem(): string {
  return generateKeyPairSync('ed25519')
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString();
}

function fixed(origin: string, pem: string, source: string): CheckpointKeyProvider {
  let signer: NoteSigner;
  try {
    signer = NoteSigner.fromPem(origin, pem);
  } catch (error) {
    throw new CheckpointKeyConfigError(
      `${source} is not an Ed25519 PKCS#8 PEM private key, or ${CHECKPOINT_ORIGIN_VARIABLE} is not a valid name (${(error as Error).message.split('\n')[0]})`,
    );
  }
  return { signer: () => signer };
}

function readKey(path: string, source: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new CheckpointKeyConfigError(
      `${source} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`,
    );
  }
}

/** Complete or not at all, and the first process to create it wins (as the master key file). */
function createKeyFile(path: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temporary, generatePem(), { mode: 0o600, flag: 'wx' });
  try {
    linkSync(temporary, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(temporary);
  }
}
