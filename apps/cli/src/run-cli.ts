import { createProgram } from './program';
import { ExitCode } from './support/exit-codes';
import { reportError } from './support/report-error';

/**
 * Runs one `account-ops` command and returns its exit code; never exits the process
 * itself, so callers (main, tests) decide how to end.
 */
export async function runCli(argv: readonly string[]): Promise<number> {
  // Known before parsing, so even a parse failure can show its stack with --debug.
  const debug = argv.includes('--debug');
  try {
    await createProgram().parseAsync([...argv]);
    return Number(process.exitCode ?? ExitCode.Ok);
  } catch (error) {
    return reportError(error, debug);
  }
}
