import { accountStreamId } from '@account-ops/engine';
import {
  buildEvidenceBundle,
  latestCheckpoint,
  MerkleLog,
  type StoredCheckpoint,
  type TransactionalEventStore,
} from '@account-ops/event-store';
import { asciiJson, parseCheckpoint, parseSignedNote } from '@account-ops/evidence-verifier';
import { rmSync } from 'node:fs';
import { requireAccount } from '../audit/stream-reader';
import { ExitCode, notFound, usageError } from '../support/exit-codes';
import { fileOutput, stdoutOutput } from '../support/output';
import { readInput } from './trusted-key';

/**
 * `export <accountId> --evidence`: one JSON file (format v2) with the account's events as
 * stored, one multi-leaf inclusion proof of them all, and the signed checkpoint it leads to. Needs no key:
 * events are exported encrypted, as hashed (personal data is not needed to verify).
 */
export async function exportEvidence(
  store: TransactionalEventStore,
  accountId: string,
  options: { readonly out?: string; readonly force?: boolean; readonly checkpoint?: string },
): Promise<ExitCode> {
  await requireAccount(store, accountId);
  const checkpoint = options.checkpoint
    ? savedCheckpoint(readInput(options.checkpoint, 'checkpoint'))
    : await latestCheckpoint(store);
  if (!checkpoint) throw notFound('no checkpoint stored yet: run account-ops checkpoint first');
  const streamId = accountStreamId(accountId);
  const log = new MerkleLog(store);
  const bundle = await buildEvidenceBundle(log, {
    accountId,
    streamId,
    events: await store.readStream(streamId),
    checkpoint,
  });
  if (bundle.events.length === 0) {
    throw notFound(
      `no event of ${accountId} is in the checkpoint of ${checkpoint.size} events yet`,
    );
  }
  const out = options.out ? await fileOutput(options.out, options.force === true) : stdoutOutput();
  try {
    await out.write(`${asciiJson(bundle)}\n`);
    await out.close();
  } catch (error) {
    await out.close().catch(() => undefined);
    if (options.out) rmSync(options.out, { force: true });
    throw error;
  }
  console.error(
    `evidence of ${accountId}: ${bundle.events.length} events and their inclusion proof in the checkpoint of ${checkpoint.size} events${options.out ? ` written to ${options.out}` : ''}`,
  );
  return ExitCode.Ok;
}

function savedCheckpoint(note: string): StoredCheckpoint {
  try {
    const body = parseCheckpoint(parseSignedNote(note).text);
    return {
      note,
      origin: body.origin,
      size: body.size,
      root: Buffer.from(body.root).toString('base64'),
      time: body.extensions.find((l) => l.startsWith('time '))?.slice(5) ?? '',
      keyId: '',
    };
  } catch (error) {
    throw usageError(`--checkpoint: ${(error as Error).message}`);
  }
}
