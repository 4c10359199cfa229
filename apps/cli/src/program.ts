import { DEFAULT_STORE_URL } from '@account-ops/event-store';
import type { Command } from 'commander';
import { registerAccessLog } from './commands/access-log';
import { registerConfig } from './commands/config';
import { registerApiKeys } from './commands/api-keys';
import { registerDeadlines } from './commands/deadlines';
import { registerDigest } from './commands/digest';
import { registerEvents } from './commands/events';
import { registerExport } from './commands/export';
import { registerKeys } from './commands/keys';
import { registerProjections } from './commands/projections';
import { registerReplay } from './commands/replay';
import { registerSearch } from './commands/search';
import { registerStepUp } from './commands/step-up';
import { registerVerify } from './commands/verify';
import { registerWebhooks } from './commands/webhooks';
import { registerCheckpoint } from './commands/checkpoint';
import { registerProve } from './commands/prove';
import { registerVerifyEvidence } from './commands/verify-evidence';
import { programShell } from './program-shell';

/**
 * The `account-ops` program: global options (program-shell.ts), then one file per command. Errors are
 * thrown (exitOverride) instead of exiting, so `main` decides the exit code and a store
 * opened by a command is always closed first.
 */
export function createProgram(): Command {
  const program = programShell(DEFAULT_STORE_URL);
  for (const register of [
    registerEvents,
    registerReplay,
    registerVerify,
    registerDigest,
    registerExport,
    registerProjections,
    registerDeadlines,
    registerAccessLog,
    registerKeys,
    registerSearch,
    registerConfig,
    registerWebhooks,
    registerApiKeys,
    registerStepUp,
    registerCheckpoint,
    registerProve,
    registerVerifyEvidence,
  ]) {
    register(program);
  }
  return program;
}
