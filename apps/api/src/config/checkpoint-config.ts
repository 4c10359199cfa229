import {
  CheckpointKeyConfigError,
  checkpointKeyFromEnvironment,
  developmentKeyPlace,
} from '@account-ops/engine';
import { parseStoreUrl } from '@account-ops/event-store';
import type { CheckpointOptions } from '../audit-log/checkpoint-options';
import { ApiConfigError } from './api-config-error';

function positive(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const text = env[name]?.trim();
  if (!text) return undefined;
  if (!/^\d{1,9}$/.test(text) || Number(text) < 1) {
    throw new ApiConfigError(`${name} must be a positive integer`);
  }
  return Number(text);
}

/**
 * Signed checkpoints: ACCOUNT_OPS_CHECKPOINT_KEY or _KEY_FILE (required in production),
 * ACCOUNT_OPS_CHECKPOINT_ORIGIN, ACCOUNT_OPS_CHECKPOINT_EVERY_SECONDS,
 * ACCOUNT_OPS_CHECKPOINT_EVERY_EVENTS, ACCOUNT_OPS_CHECKPOINT_DIR. The key is resolved
 * now, so a bad one stops the start with the variable's name.
 */
export function loadCheckpointConfig(
  env: NodeJS.ProcessEnv,
  store: string,
): { options: CheckpointOptions; notice?: string } {
  const everySeconds = positive(env, 'ACCOUNT_OPS_CHECKPOINT_EVERY_SECONDS');
  const everyEvents = positive(env, 'ACCOUNT_OPS_CHECKPOINT_EVERY_EVENTS');
  const dir = env.ACCOUNT_OPS_CHECKPOINT_DIR?.trim();
  const configured =
    env.ACCOUNT_OPS_CHECKPOINT_KEY?.trim() || env.ACCOUNT_OPS_CHECKPOINT_KEY_FILE?.trim();
  const schedule: CheckpointOptions = {
    ...(everySeconds ? { everySeconds } : {}),
    ...(everyEvents ? { everyEvents } : {}),
    ...(dir ? { dir } : {}),
  };
  if (!configured && env.NODE_ENV !== 'production') {
    // Resolved (and in development generated beside the store) on first signature.
    return {
      options: schedule,
      notice:
        'ACCOUNT_OPS_CHECKPOINT_KEY is not set: checkpoints are signed with a development key kept beside the store (production refuses to start without one)',
    };
  }
  try {
    const { provider } = checkpointKeyFromEnvironment({
      env,
      developmentKey: developmentKeyPlace(parseStoreUrl(store)),
      generate: false,
    });
    provider.signer(); // a bad key stops the start now, naming its variable
    return { options: { ...schedule, keyProvider: provider } };
  } catch (error) {
    if (error instanceof CheckpointKeyConfigError) throw new ApiConfigError(error.message);
    throw error;
  }
}
