import {
  CONSISTENCY_FORMAT,
  parseCheckpoint,
  parseSignedNote,
  verifyCheckpoint,
  verifyInclusion,
} from '@account-ops/evidence-verifier';
import {
  leafOfEvent,
  latestCheckpoint,
  locateEvent,
  MerkleLog,
  type TransactionalEventStore,
} from '@account-ops/event-store';
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { originOf, readInput, trustedKey } from '../audit-log/trusted-key';
import { action } from '../support/action';
import { CliError, ExitCode, notFound, usageError } from '../support/exit-codes';
import { withStore } from '../support/with-store';

interface ProveEventOptions {
  readonly checkpoint?: string;
  readonly publicKey?: string;
}

const b64 = (h: Uint8Array): string => Buffer.from(h).toString('base64');

/** `prove event` and `prove consistency`: RFC 9162 proofs from the stored tree, as JSON. */
export function registerProve(program: Command): void {
  const prove = program.command('prove').description('Merkle proofs from the stored log');
  prove
    .command('event')
    .description("an event's inclusion proof in a checkpoint (default: the latest stored one)")
    .argument('<eventId>', 'the event')
    .option('--checkpoint <file>', 'a saved checkpoint note to prove against')
    .option('--public-key <key>', 'verify the checkpoint signature first (verifier key or file)')
    .action(
      action<ProveEventOptions, [string]>((globals, options, eventId) =>
        withStore(globals, {}, async ({ store }) => {
          const note = options.checkpoint
            ? readInput(options.checkpoint, 'checkpoint')
            : (await latestCheckpoint(store))?.note;
          if (!note) throw notFound('no checkpoint stored yet: run account-ops checkpoint');
          const checkpoint = checkpointOf(note, options.publicKey);
          const event = await locateEvent(store, eventId);
          if (!event) throw notFound(`event ${eventId} not found`);
          const log = new MerkleLog(store);
          const index = await log.leafIndexOf(event.globalPosition);
          if (index === undefined || index >= checkpoint.size) {
            throw notFound(
              `event ${eventId} is not in the tree of ${checkpoint.size} leaves (yet)`,
            );
          }
          const path = await log.inclusionProof(index, checkpoint.size);
          const check = verifyInclusion(
            leafOfEvent(event),
            index,
            checkpoint.size,
            path,
            checkpoint.root,
          );
          console.log(
            JSON.stringify(
              {
                eventId,
                streamId: event.streamId,
                version: event.version,
                leafIndex: index,
                treeSize: checkpoint.size,
                rootHash: b64(checkpoint.root),
                inclusionProof: path.map(b64),
              },
              null,
              2,
            ),
          );
          if (!check.ok) {
            throw new CliError(
              ExitCode.CheckFailed,
              `the event does not lead to the checkpoint's root (${check.reason}): the log or the event changed since it was signed`,
            );
          }
          return ExitCode.Ok;
        }),
      ),
    );
  prove
    .command('consistency')
    .description('a consistency proof between two tree sizes (numbers or saved checkpoint files)')
    .argument('<old>', 'older tree size or checkpoint file')
    .argument('<new>', 'newer tree size or checkpoint file')
    .action(
      action<object, [string, string]>((globals, _options, oldArg, newArg) =>
        withStore(globals, {}, async ({ store }) => {
          const oldSize = sizeOf(oldArg);
          const newSize = sizeOf(newArg);
          if (oldSize > newSize)
            throw usageError(`the old size ${oldSize} is larger than the new ${newSize}`);
          const proof = await consistencyFile(store, oldSize, newSize);
          console.log(JSON.stringify(proof, null, 2));
          return ExitCode.Ok;
        }),
      ),
    );
}

async function consistencyFile(store: TransactionalEventStore, oldSize: number, newSize: number) {
  const log = new MerkleLog(store);
  const { size } = await log.state();
  if (newSize > size) throw notFound(`the stored tree has ${size} leaves, not ${newSize}`);
  const proof =
    oldSize === 0 || oldSize === newSize ? [] : await log.consistencyProof(oldSize, newSize);
  return { format: CONSISTENCY_FORMAT, oldSize, newSize, proof: proof.map(b64) };
}

/** A tree size given as a number or as a saved checkpoint file. */
function sizeOf(arg: string): number {
  if (/^\d{1,15}$/.test(arg) && !existsSync(arg)) return Number(arg);
  const note = readInput(arg, 'checkpoint');
  try {
    return parseCheckpoint(parseSignedNote(note).text).size;
  } catch (error) {
    throw usageError(`${arg}: ${(error as Error).message}`);
  }
}

/** The checkpoint's body, its signature checked first when a key is given. */
function checkpointOf(note: string, publicKey: string | undefined) {
  if (!publicKey) {
    try {
      return parseCheckpoint(parseSignedNote(note).text);
    } catch (error) {
      throw usageError(`the checkpoint: ${(error as Error).message}`);
    }
  }
  const verdict = verifyCheckpoint(note, trustedKey(publicKey, originOf(note)));
  if (!verdict.ok) throw new CliError(ExitCode.CheckFailed, verdict.reason);
  return verdict.value;
}
