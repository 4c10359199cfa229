import { DEFAULT_ACCOUNT_CONFIG } from '@account-ops/accounts';
import {
  AccountRepository,
  accountStreamId,
  PersonalDataVault,
  Snapshots,
  type KeyProvider,
  type LoadedAccount,
} from '@account-ops/engine';
import type { TransactionalEventStore } from '@account-ops/event-store';
import { CliError, ExitCode } from '../support/exit-codes';
import { readStreamPages } from './stream-reader';

/** The engine's read path for one account, without a command executor. */
export interface AccountReader {
  /** The state after `upToVersion` (default: the head), as the engine itself loads it. */
  load(accountId: string, upToVersion?: number): Promise<LoadedAccount>;
  /** Decrypts personal fields while the account's data key exists. */
  readonly vault: PersonalDataVault;
}

/**
 * The same repository `createAccountOps` builds — snapshots, personal-data vault — so a
 * replay here is exactly the engine's load. Built directly because `createAccountOps`
 * also wants the card-fingerprint secret, which a read-only audit tool should not need.
 * Nothing here writes: snapshots and data keys are only read.
 */
export function accountReader(store: TransactionalEventStore, keys: KeyProvider): AccountReader {
  const vault = new PersonalDataVault(store, keys);
  const repository = new AccountRepository(
    store,
    new Snapshots(store, DEFAULT_ACCOUNT_CONFIG.snapshotEvery, vault),
    vault,
  );
  return { load: (accountId, upTo) => repository.load(accountId, upTo), vault };
}

/**
 * The last version whose event occurred at or before `instant` (0 when none did). A
 * state is a prefix of the stream, so the scan stops at the first later event, as the
 * API's `?asOf=` does.
 */
export async function versionAsOf(
  store: TransactionalEventStore,
  accountId: string,
  instant: Date,
  signal?: AbortSignal,
): Promise<number> {
  let version = 0;
  for await (const event of readStreamPages(store, accountStreamId(accountId), { signal })) {
    if (Date.parse(event.metadata.occurredAt) > instant.getTime()) break;
    version = event.version;
  }
  return version;
}

/**
 * {@link AccountReader.load}, with an altered personal-data ciphertext (which AES-GCM
 * refuses to decrypt) reported as the tampering it is: exit 1, pointing at verify.
 */
export async function loadAccount(
  reader: AccountReader,
  accountId: string,
  version: number,
): Promise<LoadedAccount> {
  try {
    return await reader.load(accountId, version);
  } catch (error) {
    if (error instanceof Error && /unable to authenticate data/.test(error.message)) {
      throw new CliError(
        ExitCode.CheckFailed,
        `personal data of account ${accountId} cannot be decrypted: its stored ciphertext ` +
          `was altered (run: account-ops verify ${accountId})`,
      );
    }
    throw error;
  }
}
