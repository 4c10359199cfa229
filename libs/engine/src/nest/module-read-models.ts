import {
  DEFAULT_PROJECTIONS,
  openReadModels,
  type Projection,
  type ProjectionMode,
  type ReadModels,
} from '@account-ops/projections';
import type { TransactionalEventStore } from '@account-ops/event-store';
import type { AccountOps } from '../create-account-ops';

/** Read models the module opens beside the engine's store and exposes as `ACCOUNT_OPS_READ_MODELS`. */
export interface AccountOpsReadModelsOptions {
  /** Default: `DEFAULT_PROJECTIONS` (balance, audit, ops). */
  readonly projections?: readonly Projection[];
  /** Default: `inline` on SQLite (rows in the append's transaction), `async` elsewhere. */
  readonly mode?: ProjectionMode;
  /** Called with a failed projection batch's error (async mode); default: ignored and retried. */
  readonly onError?: (error: unknown) => void;
}

/** Opens the read models, catches them up, and wakes an async projector on every local commit. */
export async function startModuleReadModels(
  store: TransactionalEventStore,
  ops: AccountOps,
  options: AccountOpsReadModelsOptions,
  now: () => Date,
): Promise<ReadModels> {
  const models = openReadModels(store, {
    projections: options.projections ?? DEFAULT_PROJECTIONS,
    now,
    ...(options.mode ? { mode: options.mode } : {}),
    ...(options.onError ? { onError: options.onError } : {}),
  });
  await models.start();
  ops.onCommitted(() => models.notifyCommitted());
  return models;
}
