import { renameSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { formatCheckpoint } from '@account-ops/evidence-verifier';
import type { RecordStore } from '../port/records';
import { LOG_COLLECTION, type MerkleLog, type TreeState } from './merkle-log';
import type { NoteSigner } from './note-signer';

export const CHECKPOINT_COLLECTION = 'merkle-checkpoints';
const LATEST_KEY = 'latest-checkpoint';

/** A signed checkpoint as kept in the store (and written to the checkpoint directory). */
export interface StoredCheckpoint {
  /** The signed note, exactly as signed: what an auditor keeps and verifies. */
  readonly note: string;
  readonly origin: string;
  readonly size: number;
  /** Root hash, base64 (as in the note). */
  readonly root: string;
  /** When it was signed (also the note's `time` line). */
  readonly time: string;
  /** The signing key's id, 8 hex digits. */
  readonly keyId: string;
}

export interface CheckpointerOptions {
  readonly now?: () => Date;
  /** Also write each checkpoint to `<dir>/<size>.checkpoint` and `<dir>/latest.checkpoint`. */
  readonly dir?: string;
  /**
   * What brings the log up to the events before signing (default: the log's own
   * catchUp). The API passes its TreeCatchUp (a worker): the root is still read from the
   * stored tiles that catch-up wrote.
   */
  readonly catchUp?: () => Promise<TreeState>;
}

/**
 * Brings the Merkle log up to the events, signs its root as a C2SP tlog-checkpoint and
 * keeps the note in the store (and the checkpoint directory). The root is computed from
 * the tiles right after the catch-up that wrote them, so every signed root is one the
 * events produce.
 */
export class Checkpointer {
  constructor(
    private readonly log: MerkleLog,
    private readonly records: RecordStore,
    readonly signer: NoteSigner,
    private readonly options: CheckpointerOptions = {},
  ) {}

  get origin(): string {
    return this.signer.name;
  }

  async checkpoint(): Promise<StoredCheckpoint> {
    const state = await (this.options.catchUp ?? (() => this.log.catchUp()))();
    const root = Buffer.from(await this.log.root(state.size));
    const time = (this.options.now?.() ?? new Date()).toISOString();
    const text = formatCheckpoint({
      origin: this.signer.name,
      size: state.size,
      root,
      extensions: [`time ${time}`],
    });
    const checkpoint: StoredCheckpoint = {
      note: this.signer.sign(text),
      origin: this.signer.name,
      size: state.size,
      root: root.toString('base64'),
      time,
      keyId: this.signer.verifier.keyId.toString(16).padStart(8, '0'),
    };
    const value = { ...checkpoint };
    await this.records.writeRecords([
      {
        op: 'upsert',
        collection: CHECKPOINT_COLLECTION,
        key: String(state.size).padStart(16, '0'),
        sortKey: time,
        value,
      },
      { op: 'upsert', collection: LOG_COLLECTION, key: LATEST_KEY, value },
    ]);
    if (this.options.dir) writeCheckpointFiles(this.options.dir, checkpoint);
    return checkpoint;
  }

  async latest(): Promise<StoredCheckpoint | undefined> {
    return latestCheckpoint(this.records);
  }
}

export async function latestCheckpoint(
  records: RecordStore,
): Promise<StoredCheckpoint | undefined> {
  const record = await records.getRecord(LOG_COLLECTION, LATEST_KEY);
  return record?.value as StoredCheckpoint | undefined;
}

/** The checkpoint kept for a tree size, if one was signed at that size. */
export async function checkpointAt(
  records: RecordStore,
  size: number,
): Promise<StoredCheckpoint | undefined> {
  const record = await records.getRecord(CHECKPOINT_COLLECTION, String(size).padStart(16, '0'));
  return record?.value as StoredCheckpoint | undefined;
}

/** Written under a temporary name and renamed: a reader never sees half a checkpoint. */
function writeCheckpointFiles(dir: string, checkpoint: StoredCheckpoint): void {
  mkdirSync(dir, { recursive: true });
  for (const name of [`${checkpoint.size}.checkpoint`, 'latest.checkpoint']) {
    const temporary = join(dir, `.${name}.${process.pid}.tmp`);
    writeFileSync(temporary, checkpoint.note);
    renameSync(temporary, join(dir, name));
  }
}
