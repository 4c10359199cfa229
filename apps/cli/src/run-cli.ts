import type { Command } from 'commander';
import { CliError, ExitCode } from './support/exit-codes';
import { expectedFailure, reportFailure } from './support/expected-failure';
import { commandOf, OFFLINE_COMMANDS } from './offline-program';

/**
 * Runs one `account-ops` command and returns its exit code; never exits the process
 * itself, so callers (main, tests) decide how to end.
 *
 * The program and the reporting of unexpected errors are loaded on demand: the offline
 * checks (verify-evidence, verify-consistency), their help and their refusals then run
 * without the engine and the stores, which take most of a full start (docs/benchmarks.md,
 * verify-evidence).
 */
export async function runCli(argv: readonly string[]): Promise<number> {
  // Known before parsing, so even a parse failure can show its stack with --debug.
  const debug = argv.includes('--debug');
  try {
    await (await loadProgram(argv)).parseAsync([...argv]);
    return Number(process.exitCode ?? ExitCode.Ok);
  } catch (error) {
    const expected = expectedFailure(error);
    if (expected && !(debug && error instanceof CliError)) return reportFailure(expected);
    const { reportError } = await import('./support/report-error');
    return reportError(error, debug);
  }
}

async function loadProgram(argv: readonly string[]): Promise<Command> {
  const command = commandOf(argv);
  if (command !== undefined && OFFLINE_COMMANDS.has(command)) {
    return (await import('./offline-program')).createOfflineProgram();
  }
  return (await import('./program')).createProgram();
}
