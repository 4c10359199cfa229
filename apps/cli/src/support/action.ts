import type { Command } from 'commander';
import type { ExitCode } from './exit-codes';
import type { GlobalOptions } from './with-store';

/**
 * Adapts a command body that returns its exit code to commander's action callback: the
 * code goes to `process.exitCode`, so the process ends by itself once output is flushed
 * (no `process.exit()` cutting a piped export short). Thrown errors reach `main`.
 */
export function action<O, A extends unknown[]>(
  body: (globals: GlobalOptions, options: O, ...args: A) => Promise<ExitCode>,
): (...raw: unknown[]) => Promise<void> {
  return async (...raw) => {
    // Commander passes the declared arguments, then the options, then the command.
    const command = raw[raw.length - 1] as Command;
    const options = raw[raw.length - 2] as O;
    const args = raw.slice(0, -2) as A;
    process.exitCode = await body(command.optsWithGlobals<GlobalOptions>(), options, ...args);
  };
}
