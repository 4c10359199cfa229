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
 * An evidence bundle: every event of one account up to a signed checkpoint, each with its
 * inclusion proof in that checkpoint's tree (docs/auditing.md, "Evidence bundles").
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

export const CONSISTENCY_FORMAT = 'account-ops-consistency-proof-v1';

/** A consistency proof between two tree sizes, as `account-ops prove consistency` writes it. */
export interface ConsistencyProofFile {
  readonly format: typeof CONSISTENCY_FORMAT;
  readonly oldSize: number;
  readonly newSize: number;
  readonly proof: readonly string[];
}
