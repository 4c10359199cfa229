import type { AccountState } from '@account-ops/accounts';
import type { RecordStore, RecordWrite } from '@account-ops/event-store';

/**
 * Bump when AccountState's shape changes: snapshots of another shape are ignored and the
 * account is rebuilt from its events (and snapshotted again on its next due write).
 */
export const SNAPSHOT_SCHEMA = 2;
const COLLECTION = 'snapshot';

interface SnapshotValue {
  readonly schema: number;
  readonly version: number;
  readonly state: AccountState;
}

export interface Snapshot {
  readonly version: number;
  readonly state: AccountState;
}

/** Account snapshots: a cache beside the events, never the source of truth. */
export class Snapshots {
  constructor(
    private readonly records: RecordStore,
    readonly every: number,
    private readonly schema = SNAPSHOT_SCHEMA,
  ) {}

  async latest(accountId: string, atMostVersion?: number): Promise<Snapshot | undefined> {
    const record = await this.records.getRecord(COLLECTION, accountId);
    const value = record?.value as SnapshotValue | undefined;
    if (!value || value.schema !== this.schema) return undefined;
    if (atMostVersion !== undefined && value.version > atMostVersion) return undefined;
    return { version: value.version, state: value.state };
  }

  /** True when an append from `before` to `after` crossed a multiple of `every`. */
  isDue(before: number, after: number): boolean {
    return this.every > 0 && Math.floor(before / this.every) < Math.floor(after / this.every);
  }

  deleteWrite(accountId: string): RecordWrite {
    return { op: 'delete', collection: COLLECTION, key: accountId };
  }

  async save(accountId: string, version: number, state: AccountState): Promise<void> {
    const value = JSON.parse(JSON.stringify({ schema: this.schema, version, state }));
    await this.records.writeRecords([
      { op: 'upsert', collection: COLLECTION, key: accountId, value },
    ]);
  }
}
