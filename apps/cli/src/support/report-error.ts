import { KeyUnavailable, MasterKeyConfigError } from '@account-ops/engine';
import { InvalidStoreUrl } from '@account-ops/event-store';
import { RebuildAborted, UnknownProjection } from '@account-ops/projections';
import { CommanderError } from 'commander';
import { ExitCode } from './exit-codes';
import { expectedFailure, type Failure, reportFailure } from './expected-failure';

export type { Failure } from './expected-failure';

// Errors of the database or the network: the store, not the command, is the problem.
const STORE_ERROR_CODES =
  /^(SQLITE_|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EHOSTUNREACH|57P|08)/;

/** Maps anything thrown by a command to an exit code and one line for stderr. */
export function classifyError(error: unknown): Failure {
  const expected = expectedFailure(error);
  if (expected) return expected;
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
  reportFailure(failure);
  if (debug && error instanceof Error && !(error instanceof CommanderError)) {
    console.error(error.stack);
  }
  return failure.exitCode;
}
