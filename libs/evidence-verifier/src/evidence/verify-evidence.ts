import { verifyConsistency } from '../merkle/verify';
import { multiInclusionRootLatin1 } from '../merkle/multi-inclusion-walk';
import { decodeProofHash, decodeProofHashes } from './proof-hash';
import { SharedInclusionVerifier } from './shared-inclusion';
import { type Checkpoint, parseCheckpoint } from '../note/checkpoint';
import { openSignedNote } from '../note/signed-note';
import type { VerifierKey } from '../note/verifier-key';
import {
  CONSISTENCY_FORMAT,
  type ConsistencyProofFile,
  type EvidenceBundle,
  type EvidenceBundleV2,
  EVIDENCE_FORMAT_V2,
} from './bundle';
import { BundleLeafHasher } from './bundle-leaf';
import { bundleShapeProblem } from './bundle-shape';
import { eventHash, type ExportedEvent, GENESIS_HASH } from './event-hash';

export type Verdict<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

const fail = (reason: string) => ({ ok: false as const, reason });

/** Opens a checkpoint note with the trusted key and parses it; refuses another log's. */
export function verifyCheckpoint(note: string, key: VerifierKey): Verdict<Checkpoint> {
  try {
    const checkpoint = parseCheckpoint(openSignedNote(note, key));
    if (checkpoint.origin !== key.name) {
      return fail(`the checkpoint is for log ${checkpoint.origin}, the key for ${key.name}`);
    }
    return { ok: true, value: checkpoint };
  } catch (error) {
    return fail(`checkpoint: ${(error as Error).message}`);
  }
}

export interface EvidenceSummary {
  readonly accountId: string;
  readonly events: number;
  readonly checkpoint: Checkpoint;
}

/**
 * Checks an evidence bundle (format v2, or v1) with nothing but a trusted key: the
 * checkpoint's signature, every event's hash recomputed from its content, the account's
 * chain (versions 1, 2, …, each prevHash the hash before it) and the inclusion of every
 * event in the signed tree (v2: one multi-leaf proof; v1: one proof per event). The first
 * failure is answered with the event it concerns.
 */
export function verifyEvidence(input: unknown, key: VerifierKey): Verdict<EvidenceSummary> {
  const shape = bundleShapeProblem(input);
  if (shape) return fail(`not an evidence bundle: ${shape}`);
  const bundle = input as EvidenceBundle | EvidenceBundleV2;
  const checkpoint = verifyCheckpoint(bundle.checkpoint, key);
  if (!checkpoint.ok) return checkpoint;
  const verdict =
    bundle.format === EVIDENCE_FORMAT_V2
      ? verifyV2(bundle, checkpoint.value)
      : verifyV1(bundle, checkpoint.value);
  if (verdict) return fail(verdict);
  return {
    ok: true,
    value: {
      accountId: bundle.accountId,
      events: bundle.events.length,
      checkpoint: checkpoint.value,
    },
  };
}

/** v1: the chain and each event's own inclusion proof; the first failure's reason, or undefined. */
function verifyV1(bundle: EvidenceBundle, checkpoint: Checkpoint): string | undefined {
  const inclusion = new SharedInclusionVerifier(checkpoint.size, checkpoint.root);
  const leaves = new BundleLeafHasher(bundle.streamId);
  let prev = GENESIS_HASH;
  for (let i = 0; i < bundle.events.length; i++) {
    const item = bundle.events[i]!;
    try {
      const link = checkLink(bundle.streamId, item.event, i, prev);
      if (typeof link !== 'object') return link;
      prev = link.hash;
      const { commit, prepare } = item.position;
      const leaf = leaves.leaf(commit, prepare, item.event.version, link.hash);
      const proof = inclusion.verify(leaf, item.leafIndex, item.inclusionProof);
      if (!proof.ok)
        return `${where(item.event, i)}: inclusion proof at leaf ${item.leafIndex}: ${proof.reason}`;
    } catch (error) {
      return `${where(item.event, i)}: ${(error as Error).message}`;
    }
  }
  return undefined;
}

/**
 * v2: the chain and each event's leaf, then one walk of the multi-leaf proof over all the
 * leaves; the first failure's reason, or undefined.
 */
function verifyV2(bundle: EvidenceBundleV2, checkpoint: Checkpoint): string | undefined {
  const count = bundle.events.length;
  const leaves: string[] = new Array<string>(count);
  const indices: number[] = new Array<number>(count);
  const hasher = new BundleLeafHasher(bundle.streamId);
  let prev = GENESIS_HASH;
  let previousIndex = -1;
  for (let i = 0; i < count; i++) {
    const item = bundle.events[i]!;
    try {
      const link = checkLink(bundle.streamId, item.event, i, prev);
      if (typeof link !== 'object') return link;
      prev = link.hash;
      const index = item.leafIndex;
      if (index <= previousIndex) {
        return `${where(item.event, i)}: leaf index ${index} is not above the previous event's (${previousIndex}): leaf indices must be strictly increasing`;
      }
      if (index < 0 || index >= checkpoint.size)
        return `${where(item.event, i)}: leaf index ${index} is not below the checkpoint's tree size ${checkpoint.size}`;
      previousIndex = index;
      indices[i] = index;
      leaves[i] = hasher.leafLatin1(item.position.commit, item.position.prepare, i + 1, link.hash);
    } catch (error) {
      return `${where(item.event, i)}: ${(error as Error).message}`;
    }
  }
  let proof: Uint8Array;
  try {
    proof = decodeProofHashes(bundle.multiProof);
  } catch (error) {
    return `multiProof: ${(error as Error).message}`;
  }
  const computed = multiInclusionRootLatin1(leaves, indices, checkpoint.size, proof);
  if (!computed.ok) return `multiProof: ${computed.reason}`;
  if (computed.root !== Buffer.from(checkpoint.root).toString('latin1')) {
    return (
      `multiProof: the events' leaves and the proof do not lead to the checkpoint's root ` +
      `(an event's position or leaf index, or a proof hash, is not the logged one)`
    );
  }
  return undefined;
}

/**
 * One event in the account's chain: its stream, its version (i + 1), its prevHash and its
 * recomputed hash. Its hash, or the reason it fails.
 */
function checkLink(
  streamId: string,
  event: ExportedEvent,
  i: number,
  prev: string,
): { readonly hash: string } | string {
  if (event.streamId !== streamId) return `${where(event, i)} belongs to stream ${event.streamId}`;
  if (event.version !== i + 1)
    return `${where(event, i)}: expected version ${i + 1} (events missing or out of order)`;
  if (event.metadata.prevHash !== prev)
    return `${where(event, i)}: its prevHash is not the previous event's hash (chain broken)`;
  const hash = eventHash(event);
  if (hash !== event.metadata.hash)
    return `${where(event, i)}: its hash does not match its content (altered)`;
  return { hash };
}

/** An event as failures name it. */
function where(event: ExportedEvent | undefined, i: number): string {
  return `event ${i + 1} (version ${String(event?.version)}, id ${String(event?.eventId)})`;
}

/**
 * Checks that the log signed in `newNote` extends the one signed in `oldNote`: both
 * signatures, then the RFC 9162 consistency proof between their sizes. Two checkpoints of
 * one size with different roots are a fork; a newer one smaller than an older, truncation.
 */
export function verifyCheckpointConsistency(
  oldNote: string,
  newNote: string,
  proofFile: unknown,
  key: VerifierKey,
): Verdict<{ oldSize: number; newSize: number }> {
  const older = verifyCheckpoint(oldNote, key);
  if (!older.ok) return fail(`old ${older.reason}`);
  const newer = verifyCheckpoint(newNote, key);
  if (!newer.ok) return fail(`new ${newer.reason}`);
  const m = older.value.size;
  const n = newer.value.size;
  if (n < m)
    return fail(
      `the new checkpoint (${n} leaves) is smaller than the old (${m}): the log was truncated`,
    );
  let proof: Uint8Array[] = [];
  if (m !== n && m !== 0) {
    const file = proofFile as ConsistencyProofFile | undefined;
    if (!file || file.format !== CONSISTENCY_FORMAT || !Array.isArray(file.proof)) {
      return fail('a consistency proof file (account-ops prove consistency) is needed');
    }
    if (file.oldSize !== m || file.newSize !== n) {
      return fail(
        `the proof is for sizes ${file.oldSize} → ${file.newSize}, the checkpoints are ${m} → ${n}`,
      );
    }
    try {
      proof = file.proof.map((h) => decodeProofHash(h));
    } catch (error) {
      return fail((error as Error).message);
    }
  }
  const result = verifyConsistency(m, n, older.value.root, newer.value.root, proof);
  if (!result.ok) return fail(`the logs are not consistent: ${result.reason}`);
  return { ok: true, value: { oldSize: m, newSize: n } };
}
