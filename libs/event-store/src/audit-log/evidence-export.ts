import {
  EVIDENCE_FORMAT,
  type EvidenceBundle,
  type EvidenceEvent,
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
 * The evidence bundle of one account: its events up to the checkpoint's tree size (later
 * ones are not in the signed tree yet and are left out), each with its leaf index and
 * inclusion proof. The caller reads the stream and chooses the checkpoint.
 */
export async function buildEvidenceBundle(
  log: MerkleLog,
  request: EvidenceRequest,
): Promise<EvidenceBundle> {
  const items: EvidenceEvent[] = [];
  const reader = log.snapshot();
  for (const event of request.events) {
    const leafIndex = await reader.leafIndexOf(event.globalPosition);
    if (leafIndex === undefined || leafIndex >= request.checkpoint.size) break;
    const path = await reader.inclusionProof(leafIndex, request.checkpoint.size);
    items.push({
      event: exportedEvent(event),
      position: {
        commit: event.globalPosition.commit.toString(),
        prepare: event.globalPosition.prepare.toString(),
      },
      leafIndex,
      inclusionProof: path.map((h) => Buffer.from(h).toString('base64')),
    });
  }
  return {
    format: EVIDENCE_FORMAT,
    accountId: request.accountId,
    streamId: request.streamId,
    checkpoint: request.checkpoint.note,
    events: items,
  };
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
