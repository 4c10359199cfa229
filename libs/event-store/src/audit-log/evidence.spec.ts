import { generateKeyPairSync } from 'node:crypto';
import {
  parseVerifierKey,
  formatVerifierKey,
  verifyCheckpointConsistency,
  verifyEvidence,
  CONSISTENCY_FORMAT,
  EVIDENCE_FORMAT,
  EVIDENCE_FORMAT_V2,
  type EvidenceBundleV2,
} from '@account-ops/evidence-verifier';
import { newEvent } from '../contract/sample-events';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';
import { Checkpointer } from './checkpointer';
import { buildEvidenceBundle, buildEvidenceBundleV1 } from './evidence-export';
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

const reasonOf = (bundle: unknown, key: Parameters<typeof verifyEvidence>[1]): string => {
  const verdict = verifyEvidence(bundle, key);
  return verdict.ok ? 'verified' : verdict.reason;
};

/** The bundle's proof with its hashes changed by `edit` (decoded, edited, re-encoded). */
const withProof = (
  bundle: EvidenceBundleV2,
  edit: (bytes: Buffer) => Buffer,
): EvidenceBundleV2 => ({
  ...bundle,
  multiProof: edit(Buffer.from(bundle.multiProof, 'base64')).toString('base64'),
});

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

  it('writes format v2: one multi-leaf proof, far smaller than v1, and both formats verify', async () => {
    const { store, log, signer, checkpoint, bundle } = await setUp();
    expect(bundle.format).toBe(EVIDENCE_FORMAT_V2);
    expect(bundle.events.map((e) => Object.keys(e).sort())[0]).toEqual([
      'event',
      'leafIndex',
      'position',
    ]);
    const v1 = await buildEvidenceBundleV1(log, {
      accountId: 'acc-1',
      streamId: 'account-acc-1',
      events: await store.readStream('account-acc-1'),
      checkpoint,
    });
    expect(v1.format).toBe(EVIDENCE_FORMAT);
    expect(
      v1.events.map(({ event, position, leafIndex }) => ({ event, position, leafIndex })),
    ).toEqual(bundle.events);
    // Leaves 1, 4, 7, … of 300: every other subtree of the lowest levels is in the proof.
    expect(Buffer.from(bundle.multiProof, 'base64').length / 32).toBeLessThan(
      v1.events.reduce((n, e) => n + e.inclusionProof.length, 0) / 4,
    );
    expect(verifyEvidence(v1, signer.verifier)).toMatchObject({ ok: true, value: { events: 100 } });
    expect(verifyEvidence(bundle, signer.verifier)).toMatchObject({
      ok: true,
      value: { events: 100 },
    });
    // A v1 bundle with v2's proof, or v2 with v1's per-event proofs: not either format.
    expect(reasonOf({ ...v1, multiProof: bundle.multiProof }, signer.verifier)).toMatch(
      /^not an evidence bundle: members are not exactly/,
    );
    expect(reasonOf({ ...bundle, events: v1.events }, signer.verifier)).toBe(
      'not an evidence bundle: event 1 is malformed',
    );
    await store.close();
  });

  it('v2: a proof cut short, extended, not whole hashes or not canonical base64 is refused, saying so', async () => {
    const { store, signer, bundle } = await setUp();
    const key = signer.verifier;
    expect(
      reasonOf(
        withProof(bundle, (b) => b.subarray(0, -32)),
        key,
      ),
    ).toMatch(/^multiProof: the proof has too few hashes \(\d+\)$/);
    expect(
      reasonOf(
        withProof(bundle, (b) => Buffer.concat([b, b.subarray(0, 32)])),
        key,
      ),
    ).toMatch(/^multiProof: the proof has \d+ hashes, 1 more than the tree needs$/);
    expect(
      reasonOf(
        withProof(bundle, (b) => b.subarray(0, -1)),
        key,
      ),
    ).toMatch(/^multiProof: the proof is \d+ bytes, not a multiple of 32/);
    const text = bundle.multiProof;
    // One hash is 44 characters with one '=': without it, the same bytes in another text.
    const oneHash = Buffer.from(text, 'base64').subarray(0, 32).toString('base64');
    expect(reasonOf({ ...bundle, multiProof: oneHash.replace(/=$/, '') }, key)).toBe(
      'multiProof: the proof is not canonical base64',
    );
    expect(reasonOf({ ...bundle, multiProof: ` ${text}` }, key)).toBe(
      'multiProof: the proof is not canonical base64',
    );
    expect(reasonOf({ ...bundle, multiProof: 42 }, key)).toBe(
      'not an evidence bundle: multiProof is not a string',
    );
    // Each hash of the proof matters.
    const hashes = Buffer.from(text, 'base64').length / 32;
    for (let h = 0; h < hashes; h++) {
      const altered = withProof(bundle, (b) => {
        const copy = Buffer.from(b);
        copy[h * 32 + 5]! ^= 1;
        return copy;
      });
      expect({ h, reason: reasonOf(altered, key) }).toEqual({
        h,
        reason: expect.stringMatching(
          /^multiProof: the events' leaves and the proof do not lead to the checkpoint's root/,
        ),
      });
    }
    await store.close();
  });

  it('v2: leaf indices changed, swapped or out of the tree, and an altered position or checkpoint, are refused', async () => {
    const { store, signer, bundle } = await setUp();
    const key = signer.verifier;
    const withIndex = (i: number, leafIndex: number): EvidenceBundleV2 => ({
      ...bundle,
      events: bundle.events.map((e, k) => (k === i ? { ...e, leafIndex } : e)),
    });
    const second = bundle.events[1]!.leafIndex;
    expect(reasonOf(withIndex(1, bundle.events[0]!.leafIndex), key)).toMatch(
      /^event 2 \(version 2, id \S+\): leaf index \d+ is not above the previous event's \(\d+\): leaf indices must be strictly increasing$/,
    );
    expect(reasonOf(withIndex(99, 300), key)).toMatch(
      /^event 100 .*: leaf index 300 is not below the checkpoint's tree size 300$/,
    );
    expect(reasonOf(withIndex(1, second + 1), key)).toMatch(/do not lead to the checkpoint's root/);
    const moved = {
      ...bundle,
      events: bundle.events.map((e, k) =>
        k === 3 ? { ...e, position: { commit: '5', prepare: e.position.prepare } } : e,
      ),
    };
    expect(reasonOf(moved, key)).toMatch(/do not lead to the checkpoint's root/);
    const note = bundle.checkpoint.replace(/\n300\n/, '\n301\n');
    expect(reasonOf({ ...bundle, checkpoint: note }, key)).toMatch(/^checkpoint: /);
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
