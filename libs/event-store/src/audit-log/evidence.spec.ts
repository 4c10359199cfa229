import { generateKeyPairSync } from 'node:crypto';
import {
  parseVerifierKey,
  formatVerifierKey,
  verifyCheckpointConsistency,
  verifyEvidence,
  CONSISTENCY_FORMAT,
} from '@account-ops/evidence-verifier';
import { newEvent } from '../contract/sample-events';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';
import { Checkpointer } from './checkpointer';
import { buildEvidenceBundle } from './evidence-export';
import { MerkleLog } from './merkle-log';
import { NoteSigner } from './note-signer';

const signerKey = () => generateKeyPairSync('ed25519').privateKey;

async function setUp() {
  const store = new SqliteEventStore({ filename: ':memory:' });
  for (let i = 0; i < 300; i++) {
    await store.appendToStream(
      `account-acc-${i % 3}`,
      [newEvent('Numbered', { n: i, note: 'é€' })],
      {
        expectedVersion: 'any',
      },
    );
  }
  const log = new MerkleLog(store);
  const signer = new NoteSigner('example.org/account-ops', signerKey());
  const checkpointer = new Checkpointer(log, store, signer, {
    now: () => new Date('2026-03-01T00:00:00Z'),
  });
  const checkpoint = await checkpointer.checkpoint();
  const bundle = await buildEvidenceBundle(log, {
    accountId: 'acc-1',
    streamId: 'account-acc-1',
    events: await store.readStream('account-acc-1'),
    checkpoint,
  });
  return { store, log, signer, checkpointer, checkpoint, bundle };
}

describe('evidence bundles', () => {
  it('verify with only the public key; every flipped byte of the file is refused with a reason', async () => {
    const { store, signer, bundle } = await setUp();
    const key = parseVerifierKey(formatVerifierKey(signer.verifier));
    expect(verifyEvidence(bundle, key)).toMatchObject({ ok: true, value: { events: 100 } });
    const text = JSON.stringify(bundle);
    const step = Math.max(1, Math.floor(text.length / 800));
    let checked = 0;
    for (let i = 0; i < text.length; i += step) {
      const flipped =
        text.slice(0, i) + String.fromCharCode(text.charCodeAt(i) ^ 1) + text.slice(i + 1);
      let parsed: unknown;
      try {
        parsed = JSON.parse(flipped);
      } catch {
        continue; // not JSON any more: the CLI says so
      }
      const verdict = verifyEvidence(parsed, key);
      expect({ i, ok: verdict.ok }).toEqual({ i, ok: false });
      expect(verdict.ok ? '' : verdict.reason).toMatch(/\w/);
      checked++;
    }
    expect(checked).toBeGreaterThan(300);
    await store.close();
  });

  it('refuses a checkpoint signed by another key', async () => {
    const { store, bundle } = await setUp();
    const other = new NoteSigner('example.org/account-ops', signerKey());
    const verdict = verifyEvidence(bundle, other.verifier);
    expect(verdict).toEqual({
      ok: false,
      reason: expect.stringContaining('not signed by the trusted key'),
    });
    await store.close();
  });

  it('proves a later checkpoint consistent with an earlier one, and catches a fork and truncation', async () => {
    const { store, log, signer, checkpointer, checkpoint: old } = await setUp();
    await store.appendToStream('account-acc-9', [newEvent('Numbered')], { expectedVersion: 'any' });
    const newer = await checkpointer.checkpoint();
    const proof = {
      format: CONSISTENCY_FORMAT,
      oldSize: old.size,
      newSize: newer.size,
      proof: (await log.consistencyProof(old.size, newer.size)).map((h) =>
        Buffer.from(h).toString('base64'),
      ),
    };
    const key = signer.verifier;
    expect(verifyCheckpointConsistency(old.note, newer.note, proof, key)).toEqual({
      ok: true,
      value: { oldSize: 300, newSize: 301 },
    });
    // A fork: another tree of the same size, signed by the same key.
    const forkStore = new SqliteEventStore({ filename: ':memory:' });
    for (let i = 0; i < 300; i++) {
      await forkStore.appendToStream('account-x', [newEvent('Other', { i })], {
        expectedVersion: 'any',
      });
    }
    const fork = await new Checkpointer(new MerkleLog(forkStore), forkStore, signer).checkpoint();
    expect(verifyCheckpointConsistency(old.note, fork.note, undefined, key)).toEqual({
      ok: false,
      reason:
        'the logs are not consistent: two different roots for the same tree size 300 (a fork)',
    });
    expect(verifyCheckpointConsistency(newer.note, old.note, proof, key)).toEqual({
      ok: false,
      reason: expect.stringContaining('truncated'),
    });
    await forkStore.close();
    await store.close();
  });
});
