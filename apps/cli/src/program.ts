import { DEFAULT_STORE_URL } from '@account-ops/event-store';
import { Command, Option } from 'commander';
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

/**
 * The `account-ops` program: global options, then one file per command. Errors are
 * thrown (exitOverride) instead of exiting, so `main` decides the exit code and a store
 * opened by a command is always closed first.
 */
export function createProgram(): Command {
  const program = new Command('account-ops')
    .description('Auditor and operations tool for the account operations event store')
    .addOption(
      new Option('--store <url>', 'sqlite:<file>, postgres://… (as the API)')
        .env('ACCOUNT_OPS_STORE')
        .default(DEFAULT_STORE_URL),
    )
    .option('--debug', 'print stack traces of unexpected errors')
    .exitOverride()
    .showSuggestionAfterError()
    .configureHelp({ sortSubcommands: false })
    .addHelpText(
      'after',
      '\nExit codes: 0 ok, 1 check failed, 2 usage error, 3 not found, 4 store unavailable, ' +
        '5 unexpected error, 6 key-encryption key unavailable, 130 interrupted.\nAmounts are integers in minor units.',
    );
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
