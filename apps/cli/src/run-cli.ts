import type { Command } from 'commander';
import { ExitCode } from './support/exit-codes';
import { commandOf, OFFLINE_COMMANDS } from './offline-program';

/**
 * Runs one `account-ops` command and returns its exit code; never exits the process
 * itself, so callers (main, tests) decide how to end.
 *
 * The program and the error reporting are loaded on demand: the offline checks
 * (verify-evidence, verify-consistency) then start without the engine and the stores,
 * which take most of a full start (docs/benchmarks.md, verify-evidence).
 */
export async function runCli(argv: readonly string[]): Promise<number> {
  // Known before parsing, so even a parse failure can show its stack with --debug.
  const debug = argv.includes('--debug');
  try {
    await (await loadProgram(argv)).parseAsync([...argv]);
    return Number(process.exitCode ?? ExitCode.Ok);
  } catch (error) {
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
