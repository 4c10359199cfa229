import { formatVerifierKey } from '@account-ops/evidence-verifier';
import { MerkleLog } from '@account-ops/event-store';
import type { Command } from 'commander';
import { cliCheckpointer } from '../audit-log/open-log';
import { action } from '../support/action';
import { ExitCode } from '../support/exit-codes';
import { storeUrlOf } from '../support/store';
import { withStore } from '../support/with-store';

interface CheckpointOptions {
  readonly showKey?: boolean;
  readonly json?: boolean;
}

/**
 * `checkpoint`: brings the Merkle log up to the events and signs a checkpoint now (as the
 * API does on its schedule); `--show-key` prints the public key and key id only.
 * `tree status|rebuild`: the stored tree.
 */
export function registerCheckpoint(program: Command): void {
  program
    .command('checkpoint')
    .description('sign a checkpoint of the Merkle log now (C2SP tlog-checkpoint), or show the key')
    .option('--show-key', 'print the verifier key, key id and PEM public key; sign nothing')
    .option('--json', 'print the stored checkpoint as JSON')
    .action(
      action<CheckpointOptions, []>((globals, options) =>
        withStore(globals, { write: !options.showKey }, async ({ store }) => {
          const checkpointer = cliCheckpointer(store, storeUrlOf(globals.store));
          const { signer } = checkpointer;
          if (options.showKey) {
            console.log(`verifier key  ${formatVerifierKey(signer.verifier)}`);
            console.log(`key id        ${signer.verifier.keyId.toString(16).padStart(8, '0')}`);
            console.log(`origin        ${signer.name}`);
            process.stdout.write(signer.publicKeyPem());
            return ExitCode.Ok;
          }
          const checkpoint = await checkpointer.checkpoint();
          if (options.json) console.log(JSON.stringify(checkpoint, null, 2));
          else process.stdout.write(checkpoint.note);
          console.error(
            `signed checkpoint of ${checkpoint.size} events, key ${formatVerifierKey(signer.verifier)}`,
          );
          return ExitCode.Ok;
        }),
      ),
    );

  const tree = program.command('tree').description('the Merkle log stored beside the events');
  tree
    .command('status')
    .description('how many events the stored tree holds')
    .action(
      action<object, []>((globals) =>
        withStore(globals, {}, async ({ store }) => {
          const state = await new MerkleLog(store).state();
          console.log(`tree of ${state.size} leaves`);
          return ExitCode.Ok;
        }),
      ),
    );
  tree
    .command('rebuild')
    .description('drop the stored tree and rebuild it from the events (stop the API first)')
    .action(
      action<object, []>((globals) =>
        withStore(globals, { write: true }, async ({ store }) => {
          const log = new MerkleLog(store);
          const started = Date.now();
          await log.clear();
          const state = await log.catchUp();
          console.log(
            `rebuilt the tree: ${state.size} leaves in ${((Date.now() - started) / 1000).toFixed(3)} s`,
          );
          return ExitCode.Ok;
        }),
      ),
    );
}
