import type { CheckpointKeyProvider } from '@account-ops/engine';

/** Signed checkpoints of the Merkle log (docs/operations.md, "Signed checkpoints"). */
export interface CheckpointOptions {
  /** The signing key; default: `ACCOUNT_OPS_CHECKPOINT_KEY(_FILE)`, else a development key. */
  readonly keyProvider?: CheckpointKeyProvider;
  /** Sign when this many seconds passed and events were appended (default 60). */
  readonly everySeconds?: number;
  /** Sign when this many events were appended since the last checkpoint (default 10,000). */
  readonly everyEvents?: number;
  /** Also write each checkpoint to this directory. */
  readonly dir?: string;
  /** How often the log catches up with the events and the schedule is looked at (default 1000 ms). */
  readonly tickMs?: number;
}

export const DEFAULT_CHECKPOINT_SECONDS = 60;
export const DEFAULT_CHECKPOINT_EVENTS = 10_000;
