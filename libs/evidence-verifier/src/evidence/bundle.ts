import type { ExportedEvent } from './event-hash';

export const EVIDENCE_FORMAT = 'account-ops-evidence-v1';

/** One event of an evidence bundle with where it sits in the log and the path to the root. */
export interface EvidenceEvent {
  /** The event exactly as stored (personal fields still encrypted, or erased keys and all). */
  readonly event: ExportedEvent;
  /** Its global position, decimal strings (SQLite: commit = prepare). */
  readonly position: { readonly commit: string; readonly prepare: string };
  readonly leafIndex: number;
  /** RFC 9162 inclusion proof of the leaf in the checkpoint's tree, base64 hashes. */
  readonly inclusionProof: readonly string[];
}

/**
 * An evidence bundle, format v1: every event of one account up to a signed checkpoint, each
 * with its inclusion proof in that checkpoint's tree (docs/auditing.md, "Evidence
 * bundles"). The export writes {@link EvidenceBundleV2} now; v1 bundles still verify.
 */
export interface EvidenceBundle {
  readonly format: typeof EVIDENCE_FORMAT;
  readonly accountId: string;
  /** Always `account-<accountId>`. */
  readonly streamId: string;
  /** The signed checkpoint note the proofs lead to. */
  readonly checkpoint: string;
  readonly events: readonly EvidenceEvent[];
}

/** The format the export writes: {@link EvidenceBundleV2}. */
export const EVIDENCE_FORMAT_V2 = 'account-ops-evidence-v2';

/** One event of a v2 evidence bundle: as in v1, without a proof of its own. */
export interface EvidenceEventV2 {
  /** The event exactly as stored (personal fields still encrypted, or erased keys and all). */
  readonly event: ExportedEvent;
  /** Its global position, decimal strings (SQLite: commit = prepare). */
  readonly position: { readonly commit: string; readonly prepare: string };
  /** Strictly increasing from event to event. */
  readonly leafIndex: number;
}

/**
 * An evidence bundle, format v2 (what the export writes): every event of one account up to
 * a signed checkpoint, and ONE multi-leaf inclusion proof of all their leaves in that
 * checkpoint's tree (docs/auditing.md, "Evidence bundles"; `multiInclusionProof`).
 * A fraction of v1's size for a large account: the upper hashes are not repeated per event.
 */
export interface EvidenceBundleV2 {
  readonly format: typeof EVIDENCE_FORMAT_V2;
  readonly accountId: string;
  /** Always `account-<accountId>`. */
  readonly streamId: string;
  /** The signed checkpoint note the proof leads to. */
  readonly checkpoint: string;
  readonly events: readonly EvidenceEventV2[];
  /**
   * The proof's hashes, 32 bytes each, concatenated in proof order, in canonical base64
   * (empty when the events are the whole tree).
   */
  readonly multiProof: string;
}

export const CONSISTENCY_FORMAT = 'account-ops-consistency-proof-v1';

/** A consistency proof between two tree sizes, as `account-ops prove consistency` writes it. */
export interface ConsistencyProofFile {
  readonly format: typeof CONSISTENCY_FORMAT;
  readonly oldSize: number;
  readonly newSize: number;
  readonly proof: readonly string[];
}
