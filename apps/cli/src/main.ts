import { ExitCode } from './support/exit-codes';
import { runCli } from './run-cli';

// `account-ops … | head` closes stdout early: that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(Number(process.exitCode ?? ExitCode.Ok));
  throw error;
});

// The exit code is set, not forced: the process ends once output is flushed, so a piped
// export is never cut short by process.exit().
void runCli(process.argv).then((code) => {
  process.exitCode = code;
  // A safety net, unref'd so it never delays a clean exit: a driver that keeps a socket
  // open must not leave an auditor's shell hanging once the work is done.
  setTimeout(() => process.exit(code), 10_000).unref();
});
