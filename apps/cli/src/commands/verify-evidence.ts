import { verifyCheckpointConsistency, verifyEvidence } from '@account-ops/evidence-verifier';
import type { Command } from 'commander';
import { originOf, parseJsonInput, readInput, trustedKey } from '../audit-log/trusted-key';
import { action } from '../support/action';
import { CliError, ExitCode } from '../support/exit-codes';

interface KeyOption {
  readonly publicKey: string;
}

/**
 * `verify-evidence` and `verify-consistency`: offline checks of saved files with a
 * trusted public key. They open no store and use no network (the same code is the
 * standalone @account-ops/evidence-verifier package).
 */
export function registerVerifyEvidence(program: Command): void {
  program
    .command('verify-evidence')
    .description(
      'check an evidence bundle offline: checkpoint signature, hash chain, inclusion proofs',
    )
    .argument('<bundle>', 'the file account-ops export --evidence wrote')
    .requiredOption(
      '--public-key <key>',
      'the log verifier key (name+keyid+base64) or a file with it or a PEM',
    )
    .action(
      action<KeyOption, [string]>(async (_globals, options, path) => {
        const started = process.hrtime.bigint();
        const bundle = parseJsonInput(readInput(path, 'evidence bundle'), 'evidence bundle');
        const note = (bundle as { checkpoint?: unknown }).checkpoint;
        const key = trustedKey(
          options.publicKey,
          typeof note === 'string' ? originOf(note) : undefined,
        );
        const verdict = verifyEvidence(bundle, key);
        if (!verdict.ok)
          throw new CliError(ExitCode.CheckFailed, `EVIDENCE REFUSED: ${verdict.reason}`);
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        const { accountId, events, checkpoint } = verdict.value;
        console.log(
          `evidence verified: ${events} events of ${accountId}, hash chain intact, each included in the tree of ${checkpoint.size} leaves signed by ${key.name} (${ms.toFixed(1)} ms)`,
        );
        return ExitCode.Ok;
      }),
    );
  program
    .command('verify-consistency')
    .description('check offline that a newer checkpoint extends an older one')
    .argument('<old>', 'the older checkpoint file')
    .argument('<new>', 'the newer checkpoint file')
    .requiredOption(
      '--public-key <key>',
      'the log verifier key (name+keyid+base64) or a file with it or a PEM',
    )
    .option(
      '--proof <file>',
      'the proof account-ops prove consistency wrote (needed unless the sizes are equal)',
    )
    .action(
      action<KeyOption & { proof?: string }, [string, string]>(
        async (_globals, options, oldPath, newPath) => {
          const oldNote = readInput(oldPath, 'checkpoint');
          const newNote = readInput(newPath, 'checkpoint');
          const proof = options.proof
            ? parseJsonInput(readInput(options.proof, 'proof'), 'proof')
            : undefined;
          const key = trustedKey(options.publicKey, originOf(oldNote));
          const verdict = verifyCheckpointConsistency(oldNote, newNote, proof, key);
          if (!verdict.ok)
            throw new CliError(ExitCode.CheckFailed, `INCONSISTENT: ${verdict.reason}`);
          console.log(
            `consistent: the log of ${verdict.value.newSize} leaves extends the log of ${verdict.value.oldSize} leaves (both signed by ${key.name})`,
          );
          return ExitCode.Ok;
        },
      ),
    );
}
