import { checkpointKeyFromEnvironment, developmentKeyPlace } from '@account-ops/engine';
import {
  Checkpointer,
  MerkleLog,
  parseStoreUrl,
  type TransactionalEventStore,
} from '@account-ops/event-store';
import { CliError, ExitCode } from '../support/exit-codes';

/** The checkpoint signer the API uses (same variables; the CLI never generates a key). */
export function cliCheckpointer(store: TransactionalEventStore, storeUrl: string): Checkpointer {
  const dir = process.env.ACCOUNT_OPS_CHECKPOINT_DIR?.trim();
  try {
    const { provider } = checkpointKeyFromEnvironment({
      env: process.env,
      developmentKey: developmentKeyPlace(parseStoreUrl(storeUrl)),
      generate: false,
    });
    return new Checkpointer(new MerkleLog(store), store, provider.signer(), dir ? { dir } : {});
  } catch (error) {
    throw new CliError(ExitCode.KeyUnavailable, (error as Error).message);
  }
}
