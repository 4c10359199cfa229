import { Command, Option } from 'commander';

/**
 * The `account-ops` program without its commands: name, global options, error handling.
 * Imports nothing but commander, so the offline commands (offline-program.ts) start
 * without loading the engine and the stores. `defaultStore`: `--store`'s default (the
 * offline commands open no store and need none).
 */
export function programShell(defaultStore?: string): Command {
  const store = new Option('--store <url>', 'sqlite:<file>, postgres://… (as the API)').env(
    'ACCOUNT_OPS_STORE',
  );
  return new Command('account-ops')
    .description('Auditor and operations tool for the account operations event store')
    .addOption(defaultStore === undefined ? store : store.default(defaultStore))
    .option('--debug', 'print stack traces of unexpected errors')
    .exitOverride()
    .showSuggestionAfterError()
    .configureHelp({ sortSubcommands: false })
    .addHelpText(
      'after',
      '\nExit codes: 0 ok, 1 check failed, 2 usage error, 3 not found, 4 store unavailable, ' +
        '5 unexpected error, 6 key-encryption key unavailable, 130 interrupted.\nAmounts are integers in minor units.',
    );
}
