import { KeyUnavailable, MasterKeyConfigError } from '@account-ops/engine';
import { InvalidStoreUrl } from '@account-ops/event-store';
import { RebuildAborted, UnknownProjection } from '@account-ops/projections';
import { CommanderError } from 'commander';
import { CliError, ExitCode } from './exit-codes';

/** How a failure ends the run: its exit code and the one line to print (none: already printed). */
export interface Failure {
  readonly exitCode: ExitCode;
  readonly message?: string;
}

// Commander's codes for runs that asked for help or the version: not failures.
const COMMANDER_OK = new Set(['commander.helpDisplayed', 'commander.version']);

// Errors of the database or the network: the store, not the command, is the problem.
const STORE_ERROR_CODES =
  /^(SQLITE_|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EHOSTUNREACH|57P|08)/;

/** Maps anything thrown by a command to an exit code and one line for stderr. */
export function classifyError(error: unknown): Failure {
  if (error instanceof CommanderError) {
    // Commander printed its own message already.
    return { exitCode: COMMANDER_OK.has(error.code) ? ExitCode.Ok : ExitCode.Usage };
  }
  if (error instanceof CliError) return { exitCode: error.exitCode, message: error.message };
  if (error instanceof InvalidStoreUrl) return { exitCode: ExitCode.Usage, message: error.message };
  if (error instanceof KeyUnavailable || error instanceof MasterKeyConfigError) {
    return { exitCode: ExitCode.KeyUnavailable, message: error.message };
  }
  if (error instanceof UnknownProjection) {
    return { exitCode: ExitCode.Usage, message: error.message };
  }
  if (error instanceof RebuildAborted) {
    return { exitCode: ExitCode.Interrupted, message: error.message };
  }
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && STORE_ERROR_CODES.test(code)) {
    return { exitCode: ExitCode.StoreUnavailable, message: `store error: ${message}` };
  }
  return {
    exitCode: ExitCode.Internal,
    message: `unexpected error: ${message} (rerun with --debug for details)`,
  };
}

/** Prints the failure as one line (plus the stack with --debug) and returns its exit code. */
export function reportError(error: unknown, debug: boolean): ExitCode {
  const failure = classifyError(error);
  if (failure.message) console.error(`error: ${failure.message}`);
  if (debug && error instanceof Error && !(error instanceof CommanderError)) {
    console.error(error.stack);
  }
  return failure.exitCode;
}
