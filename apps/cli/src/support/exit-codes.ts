/**
 * The CLI's exit codes: scripts and cron jobs branch on them, so each means one thing.
 *
 * | code | meaning |
 * |---|---|
 * | 0 | ok |
 * | 1 | a check failed: tampering found (verify, digest), read model differs (check) |
 * | 2 | usage error: bad arguments or options (commander's own errors too) |
 * | 3 | not found: unknown account, version, position or read model |
 * | 4 | store unavailable: cannot open or read the configured store |
 * | 5 | unexpected internal error (a bug: rerun with --debug for the stack) |
 * | 6 | key unavailable: the key-encryption key is missing, malformed or not the one that wrapped a data key |
 * | 130 | interrupted (Ctrl-C): stopped between batches, store closed |
 */
export const ExitCode = {
  Ok: 0,
  CheckFailed: 1,
  Usage: 2,
  NotFound: 3,
  StoreUnavailable: 4,
  Internal: 5,
  KeyUnavailable: 6,
  Interrupted: 130,
} as const;

/** One of the {@link ExitCode} values. */
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** A failure the CLI expected: printed as one line, no stack, with its exit code. */
export class CliError extends Error {
  constructor(
    readonly exitCode: ExitCode,
    message: string,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Bad arguments the option parsers could not catch on their own (exit 2). */
export const usageError = (message: string): CliError => new CliError(ExitCode.Usage, message);

/** An account, version, position or read model that does not exist (exit 3). */
export const notFound = (message: string): CliError => new CliError(ExitCode.NotFound, message);

/** Ctrl-C: raised between batches once the abort signal fired (exit 130). */
export class Interrupted extends CliError {
  constructor() {
    super(ExitCode.Interrupted, 'interrupted: stopped before finishing');
    this.name = 'Interrupted';
  }
}
