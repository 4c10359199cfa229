import type {
  EventMetadata,
  JsonValue,
  RecordedEvent,
  StoredRecord,
  TransactionalEventStore,
} from '@account-ops/event-store';
import fixture from './pre-envelope-store.json';

/**
 * A store as the engine wrote it before envelope encryption (data keys in clear,
 * snapshots with personal data in clear), written by `write-pre-envelope-store.ts` at
 * commit f5d1312 (`git show f5d1312:libs/engine/src/privacy/testing/write-pre-envelope-store.ts`).
 */
export const PRE_ENVELOPE = {
  /** The card-fingerprint secret it was written with (idempotency fingerprints depend on it). */
  cardSecret: 'pre-envelope-card-secret',
  /** Opened, card changed, funded, refund requested; snapshot (in clear) at version 4. */
  live: 'pre-live',
  /** Opened, cancelled and closed by its retention deadline: no data key, a snapshot without personal data. */
  closed: 'pre-closed',
  /** Opened only: a data key, no snapshot. */
  fresh: 'pre-fresh',
  personal: {
    'pre-live': ['Livia Before', 'livia@pre.example', 'LIVIA BEFORE'],
    'pre-closed': ['Closa Formerly', 'closa@pre.example', 'CLOSA FORMERLY'],
    'pre-fresh': ['Frida Unsnapped', 'frida@pre.example'],
  } as Readonly<Record<string, readonly string[]>>,
  /** The data keys in clear, as stored. */
  clearKeys: (fixture.records as StoredRecord[])
    .filter((r) => r.collection === 'data-key')
    .map((r) => String(r.value)),
};

type StoredEvent = Omit<RecordedEvent, 'globalPosition'>;

/**
 * Writes the fixture into `store` verbatim: its records as they were, its events with
 * their ids, data and metadata, so the store recomputes exactly the stored hash chain
 * (checked: a difference means the import changed something).
 */
export async function importPreEnvelopeStore(store: TransactionalEventStore): Promise<void> {
  await store.writeRecords(
    (fixture.records as StoredRecord[]).map((r) => ({
      op: 'insert',
      collection: r.collection,
      key: r.key,
      value: r.value,
      sortKey: r.sortKey,
    })),
  );
  for (const event of fixture.events as unknown as StoredEvent[]) {
    const { prevHash: _prev, hash, ...metadata } = event.metadata as EventMetadata;
    const { events } = await store.appendToStream(
      event.streamId,
      [
        {
          eventId: event.eventId,
          type: event.type,
          schemaVersion: event.schemaVersion,
          data: event.data as JsonValue,
          metadata,
        },
      ],
      { expectedVersion: event.version - 1 === 0 ? 'no_stream' : event.version - 1 },
    );
    if (events[0]?.metadata.hash !== hash) {
      throw new Error(`imported ${event.streamId}@${event.version} differs from the fixture`);
    }
  }
}
