import { eventLeafHash } from '../merkle/leaf';
import { verifyConsistency } from '../merkle/verify';
import { decodeProofHash } from './proof-hash';
import { SharedInclusionVerifier } from './shared-inclusion';
import { type Checkpoint, parseCheckpoint } from '../note/checkpoint';
import { openSignedNote } from '../note/signed-note';
import type { VerifierKey } from '../note/verifier-key';
import {
  CONSISTENCY_FORMAT,
  type ConsistencyProofFile,
  EVIDENCE_FORMAT,
  type EvidenceBundle,
} from './bundle';
import { eventHash, GENESIS_HASH } from './event-hash';

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
 * Checks an evidence bundle with nothing but a trusted key: the checkpoint's signature,
 * every event's hash recomputed from its content, the account's chain (versions 1, 2, …,
 * each prevHash the hash before it) and every event's inclusion proof in the signed tree.
 * The first failure is answered with the event it concerns.
 */
export function verifyEvidence(input: unknown, key: VerifierKey): Verdict<EvidenceSummary> {
  const shape = checkShape(input);
  if (shape) return fail(`not an evidence bundle: ${shape}`);
  const bundle = input as EvidenceBundle;
  const checkpoint = verifyCheckpoint(bundle.checkpoint, key);
  if (!checkpoint.ok) return checkpoint;
  const root = checkpoint.value.root;
  const inclusion = new SharedInclusionVerifier(checkpoint.value.size, root);
  let prev = GENESIS_HASH;
  for (const [i, item] of bundle.events.entries()) {
    const { event } = item;
    // Named only in a failure: building it for every event costs.
    const where = () =>
      `event ${i + 1} (version ${String(event?.version)}, id ${String(event?.eventId)})`;
    try {
      if (event.streamId !== bundle.streamId)
        return fail(`${where()} belongs to stream ${event.streamId}`);
      if (event.version !== i + 1)
        return fail(`${where()}: expected version ${i + 1} (events missing or out of order)`);
      if (event.metadata.prevHash !== prev)
        return fail(`${where()}: its prevHash is not the previous event's hash (chain broken)`);
      const hash = eventHash(event);
      if (hash !== event.metadata.hash)
        return fail(`${where()}: its hash does not match its content (altered)`);
      prev = hash;
      const leaf = eventLeafHash({
        position: { commit: BigInt(item.position.commit), prepare: BigInt(item.position.prepare) },
        streamId: event.streamId,
        version: event.version,
        hash,
      });
      const proof = inclusion.verify(leaf, item.leafIndex, item.inclusionProof);
      if (!proof.ok)
        return fail(`${where()}: inclusion proof at leaf ${item.leafIndex}: ${proof.reason}`);
    } catch (error) {
      return fail(`${where()}: ${(error as Error).message}`);
    }
  }
  return {
    ok: true,
    value: {
      accountId: bundle.accountId,
      events: bundle.events.length,
      checkpoint: checkpoint.value,
    },
  };
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

const BUNDLE_KEYS = ['accountId', 'checkpoint', 'events', 'format', 'streamId'];
const ITEM_KEYS = ['event', 'inclusionProof', 'leafIndex', 'position'];
const POSITION_KEYS = ['commit', 'prepare'];
const EVENT_KEYS = ['data', 'eventId', 'metadata', 'schemaVersion', 'streamId', 'type', 'version'];

/**
 * What is structurally wrong with a parsed bundle, or undefined. Strict: no member more or
 * less than the format has, so that no byte of a bundle goes unchecked.
 */
function checkShape(input: unknown): string | undefined {
  if (!hasKeys(input, BUNDLE_KEYS)) return `members are not exactly ${BUNDLE_KEYS.join(', ')}`;
  const b = input as EvidenceBundle;
  if (b.format !== EVIDENCE_FORMAT) return `format is not ${EVIDENCE_FORMAT}`;
  if (typeof b.checkpoint !== 'string') return 'no checkpoint';
  if (typeof b.accountId !== 'string' || b.streamId !== `account-${b.accountId}`) {
    return 'the stream id is not account-<accountId>';
  }
  if (!Array.isArray(b.events) || b.events.length === 0) return 'no events';
  for (const [i, e] of b.events.entries()) {
    const ok =
      hasKeys(e, ITEM_KEYS) &&
      hasKeys(e.event, EVENT_KEYS) &&
      typeof e.event.metadata === 'object' &&
      e.event.metadata !== null &&
      Number.isSafeInteger(e.leafIndex) &&
      Array.isArray(e.inclusionProof) &&
      hasKeys(e.position, POSITION_KEYS) &&
      /^(0|[1-9]\d{0,19})$/.test(String(e.position.commit)) &&
      /^(0|[1-9]\d{0,19})$/.test(String(e.position.prepare)) &&
      typeof e.position.commit === 'string' &&
      typeof e.position.prepare === 'string';
    if (!ok) return `event ${i + 1} is malformed`;
  }
  return undefined;
}

/** Exactly these own members: as many as `keys`, and each of them. */
function hasKeys(value: unknown, keys: readonly string[]): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  if (Object.keys(value).length !== keys.length) return false;
  for (const key of keys) if (!Object.hasOwn(value, key)) return false;
  return true;
}
