import { CommanderError } from 'commander';
import { CliError, ExitCode } from './exit-codes';

/** How a failure ends the run: its exit code and the one line to print (none: already printed). */
export interface Failure {
  readonly exitCode: ExitCode;
  readonly message?: string;
}

// Commander's codes for runs that asked for help or the version: not failures.
const COMMANDER_OK = new Set(['commander.helpDisplayed', 'commander.version']);

/**
 * The failures the CLI raises itself (CliError) and commander's (usage, help): classified
 * without the engine's and the stores' error types, so that the offline commands' refusals
 * and help load neither (see run-cli.ts). Undefined for any other error.
 */
export function expectedFailure(error: unknown): Failure | undefined {
  if (error instanceof CommanderError) {
    // Commander printed its own message already.
    return { exitCode: COMMANDER_OK.has(error.code) ? ExitCode.Ok : ExitCode.Usage };
  }
  if (error instanceof CliError) return { exitCode: error.exitCode, message: error.message };
  return undefined;
}

/** Prints an expected failure as one line and returns its exit code (no stack: it is expected). */
export function reportFailure(failure: Failure): ExitCode {
  if (failure.message) console.error(`error: ${failure.message}`);
  return failure.exitCode;
}
