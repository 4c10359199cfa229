import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyCheckpoint } from '@account-ops/evidence-verifier';
import { newEvent } from '../contract/sample-events';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';
import { Checkpointer } from './checkpointer';
import { MerkleLog } from './merkle-log';
import { NoteSigner } from './note-signer';

/**
 * The checkpoint directory: what an operator ships off the machine (to a WORM bucket, to
 * the auditors). Every file must be a whole, verifiable note, and `latest.checkpoint`
 * always the newest.
 */
describe('checkpoints written to a directory', () => {
  let dir: string;
  let store: SqliteEventStore;
  const signer = new NoteSigner('bank.example/log', generateKeyPairSync('ed25519').privateKey);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'aos-checkpoints-'));
    store = new SqliteEventStore({ filename: ':memory:' });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const append = (n: number) =>
    store.appendToStream('account-acc-1', [newEvent('Numbered', { n })], {
      expectedVersion: 'any',
    });

  it('writes <size>.checkpoint and latest.checkpoint, each the signed note, and no temporary file', async () => {
    // The directory does not exist yet: the first checkpoint creates it.
    const target = join(dir, 'nested', 'checkpoints');
    const checkpointer = new Checkpointer(new MerkleLog(store), store, signer, {
      dir: target,
      now: () => new Date('2026-03-01T00:00:00Z'),
    });
    await append(1);
    await append(2);
    const first = await checkpointer.checkpoint();
    await append(3);
    const second = await checkpointer.checkpoint();

    expect(readdirSync(target).sort()).toEqual([
      '2.checkpoint',
      '3.checkpoint',
      'latest.checkpoint',
    ]);
    expect(readFileSync(join(target, '2.checkpoint'), 'utf8')).toBe(first.note);
    expect(readFileSync(join(target, '3.checkpoint'), 'utf8')).toBe(second.note);
    expect(readFileSync(join(target, 'latest.checkpoint'), 'utf8')).toBe(second.note);
    // Each file verifies on its own with the public key, and names its size and root.
    const verdict = verifyCheckpoint(
      readFileSync(join(target, 'latest.checkpoint'), 'utf8'),
      signer.verifier,
    );
    expect(verdict).toMatchObject({ ok: true, value: { size: 3 } });
    expect(
      Buffer.from((verdict as { value: { root: Uint8Array } }).value.root).toString('base64'),
    ).toBe(second.root);
    // What was kept in the store is what was written.
    expect(await checkpointer.latest()).toEqual(second);
  });

  it('replaces latest.checkpoint by a rename, so a reader never sees half a note', async () => {
    const checkpointer = new Checkpointer(new MerkleLog(store), store, signer, { dir });
    await append(1);
    await checkpointer.checkpoint();
    const before = statSync(join(dir, 'latest.checkpoint')).ino;
    await append(2);
    await checkpointer.checkpoint();
    // A new inode: the old file was replaced whole, not rewritten in place.
    expect(statSync(join(dir, 'latest.checkpoint')).ino).not.toBe(before);
    expect(readdirSync(dir).filter((name) => name.includes('.tmp'))).toEqual([]);
  });

  it('keeps the checkpoint in the store even when the directory cannot be written, and says so', async () => {
    // A file where the directory should be: mkdir fails.
    const blocked = join(dir, 'blocked');
    writeFileSync(blocked, 'not a directory');
    const checkpointer = new Checkpointer(new MerkleLog(store), store, signer, {
      dir: join(blocked, 'checkpoints'),
    });
    await append(1);
    await expect(checkpointer.checkpoint()).rejects.toThrow(/ENOTDIR|EEXIST/);
    expect(await checkpointer.latest()).toMatchObject({ size: 1 });
  });
});
