import type { Command } from 'commander';
import { registerVerifyEvidence } from './commands/verify-evidence';
import { programShell } from './program-shell';

/**
 * The commands that need no store (`verify-evidence`, `verify-consistency`: an auditor's
 * offline checks), alone: they load the verifier and commander, not the engine, the
 * stores and their drivers (most of a full start). The full program registers them too.
 */
export const OFFLINE_COMMANDS: ReadonlySet<string> = new Set([
  'verify-evidence',
  'verify-consistency',
]);

export function createOfflineProgram(): Command {
  const program = programShell();
  registerVerifyEvidence(program);
  return program;
}

/**
 * The command an argument list runs: the first argument that is not a global option (or
 * `--store`'s value); undefined when an option the program itself answers (--help) or an
 * unknown one comes first, which the full program then handles.
 */
export function commandOf(argv: readonly string[]): string | undefined {
  for (let i = 2; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--debug' || arg.startsWith('--store=')) continue;
    if (arg === '--store') {
      i++;
      continue;
    }
    return arg.startsWith('-') ? undefined : arg;
  }
  return undefined;
}
