import type { RecordedEvent } from '../port/envelope';
import { DuplicateRecord } from '../port/errors';
import { formatPosition } from '../port/position';
import type { RecordStore, RecordWrite } from '../port/records';
import { carriedRecords } from './carried-records';

/** One row per applied event (`<stream>@<version>`): inserting it is the "apply once" guard. */
export const APPLIED_COLLECTION = 'split-applied';
/** Per stream, a version up to which every carried write is known to be applied (a hint). */
export const APPLIED_THROUGH_COLLECTION = 'split-applied-through';

/** An insert carried by an event found its key taken by another writer; it was skipped. */
export type DroppedInsertListener = (write: RecordWrite, event: RecordedEvent) => void;

/**
 * Applies the record writes an event carries to the SQL record store exactly once,
 * whoever gets there first: the appending process right after its append, a later
 * command on the same stream (`settleRecords`), or the background applier after a crash.
 * The event's marker row is inserted in the same transaction as its writes, so a second
 * attempt fails on the marker and changes nothing.
 */
export class CarriedRecordsApplier {
  constructor(
    private readonly records: RecordStore,
    private readonly onDroppedInsert: DroppedInsertListener = () => undefined,
  ) {}

  /** Every event of the stream up to this version has had its writes applied. */
  async appliedThrough(streamId: string): Promise<number> {
    const record = await this.records.getRecord(APPLIED_THROUGH_COLLECTION, streamId);
    return typeof record?.value === 'number' ? record.value : 0;
  }

  /** Records that the stream is settled up to `version` (events carrying nothing included). */
  async markThrough(streamId: string, version: number): Promise<void> {
    await this.records.writeRecords([
      { op: 'upsert', collection: APPLIED_THROUGH_COLLECTION, key: streamId, value: version },
    ]);
  }

  /** True when this call applied the event's writes; false when it carries none or they were applied. */
  async apply(event: RecordedEvent): Promise<boolean> {
    let writes = carriedRecords(event);
    if (writes.length === 0) return false;
    const marker: RecordWrite = {
      op: 'insert',
      collection: APPLIED_COLLECTION,
      key: `${event.streamId}@${event.version}`,
      value: formatPosition(event.globalPosition),
    };
    const through: RecordWrite = {
      op: 'upsert',
      collection: APPLIED_THROUGH_COLLECTION,
      key: event.streamId,
      value: event.version,
    };
    // Each round either commits, finds the marker (done elsewhere), or drops an insert
    // whose key another writer took since the append was checked; so it ends.
    for (;;) {
      try {
        await this.records.writeRecords([marker, ...writes, through]);
        return true;
      } catch (error) {
        if (!(error instanceof DuplicateRecord)) throw error;
        if (error.collection === APPLIED_COLLECTION) return false;
        const taken = writes.find(
          (w) => w.op === 'insert' && w.collection === error.collection && w.key === error.key,
        );
        if (!taken) throw error;
        this.onDroppedInsert(taken, event);
        writes = writes.filter((w) => w !== taken);
      }
    }
  }
}
