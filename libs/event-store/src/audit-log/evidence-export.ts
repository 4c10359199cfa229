import {
  EVIDENCE_FORMAT,
  EVIDENCE_FORMAT_V2,
  type EvidenceBundle,
  type EvidenceBundleV2,
  type EvidenceEvent,
  type EvidenceEventV2,
  type ExportedEvent,
} from '@account-ops/evidence-verifier';
import type { RecordedEvent } from '../port/envelope';
import type { StoredCheckpoint } from './checkpointer';
import type { MerkleLog } from './merkle-log';

export interface EvidenceRequest {
  readonly accountId: string;
  readonly streamId: string;
  /** The stream's events, as read from the store, in version order. */
  readonly events: readonly RecordedEvent[];
  readonly checkpoint: StoredCheckpoint;
}

/**
 * The evidence bundle of one account, format v2: its events up to the checkpoint's tree
 * size (later ones are not in the signed tree yet and are left out), each with its leaf
 * index, and one multi-leaf inclusion proof of all their leaves, computed from the tree's
 * nodes (not from per-event proofs). The caller reads the stream and chooses the checkpoint.
 */
export async function buildEvidenceBundle(
  log: MerkleLog,
  request: EvidenceRequest,
): Promise<EvidenceBundleV2> {
  const reader = log.snapshot();
  const items = await indexedEvents(reader, request);
  const proof =
    items.length === 0
      ? []
      : await reader.multiInclusionProof(
          items.map((item) => item.leafIndex),
          request.checkpoint.size,
        );
  return {
    format: EVIDENCE_FORMAT_V2,
    accountId: request.accountId,
    streamId: request.streamId,
    checkpoint: request.checkpoint.note,
    events: items,
    multiProof: Buffer.concat(proof).toString('base64'),
  };
}

/**
 * The same evidence in format v1 (one inclusion proof per event, several times the size):
 * for an auditor whose verifier predates v2.
 */
export async function buildEvidenceBundleV1(
  log: MerkleLog,
  request: EvidenceRequest,
): Promise<EvidenceBundle> {
  const reader = log.snapshot();
  const items: EvidenceEvent[] = [];
  for (const item of await indexedEvents(reader, request)) {
    const path = await reader.inclusionProof(item.leafIndex, request.checkpoint.size);
    items.push({ ...item, inclusionProof: path.map((h) => Buffer.from(h).toString('base64')) });
  }
  return {
    format: EVIDENCE_FORMAT,
    accountId: request.accountId,
    streamId: request.streamId,
    checkpoint: request.checkpoint.note,
    events: items,
  };
}

/** The request's events that the checkpoint's tree holds, with their leaf indices. */
async function indexedEvents(
  reader: MerkleLog,
  request: EvidenceRequest,
): Promise<EvidenceEventV2[]> {
  const items: EvidenceEventV2[] = [];
  for (const event of request.events) {
    const leafIndex = await reader.leafIndexOf(event.globalPosition);
    if (leafIndex === undefined || leafIndex >= request.checkpoint.size) break;
    items.push({
      event: exportedEvent(event),
      position: {
        commit: event.globalPosition.commit.toString(),
        prepare: event.globalPosition.prepare.toString(),
      },
      leafIndex,
    });
  }
  return items;
}

function exportedEvent(event: RecordedEvent): ExportedEvent {
  return {
    eventId: event.eventId,
    streamId: event.streamId,
    version: event.version,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    metadata: event.metadata as unknown as ExportedEvent['metadata'],
  };
}
