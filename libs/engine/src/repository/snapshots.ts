import type { AccountState } from '@account-ops/accounts';
import type { JsonValue, RecordStore, RecordWrite, StoredRecord } from '@account-ops/event-store';
import { decryptField, encryptField } from '../privacy/field-cipher';

/**
 * Bump when AccountState's shape changes: snapshots of another shape are ignored and the
 * account is rebuilt from its events (and snapshotted again on its next due write),
 * unless {@link SNAPSHOT_UPGRADES} knows how to bring that shape up to date exactly.
 */
export const SNAPSHOT_SCHEMA = 3;

/**
 * Older snapshot shapes that convert exactly into the current one, keyed by their schema.
 * 2 → 3: `topUpLimits` was added with `TopUpLimitsSet`; no account had limits before it
 * existed, so a schema-2 state has none (the state a full replay gives).
 */
export const SNAPSHOT_UPGRADES: Readonly<Record<number, (state: AccountState) => AccountState>> =
  Object.freeze({
    2: (state: AccountState) => ({ ...state, topUpLimits: { singleMax: null, dailyMax: null } }),
  });
export const SNAPSHOT_COLLECTION = 'snapshot';

/**
 * The stored envelope: the state is encrypted with the account's data key (it holds the
 * owner's name, e-mail and card holder), so the closure's key deletion erases it too.
 */
interface SealedSnapshotValue {
  readonly schema: number;
  readonly version: number;
  readonly sealed: string;
}

/** How snapshots were stored before envelope encryption: the state in clear. */
interface ClearSnapshotValue {
  readonly schema: number;
  readonly version: number;
  readonly state: AccountState;
}

type SnapshotValue = SealedSnapshotValue | ClearSnapshotValue;

export interface Snapshot {
  readonly version: number;
  readonly state: AccountState;
}

/** Where snapshots get the account's data key: the personal-data vault. */
export interface SnapshotKeys {
  /** Undefined once the key was shredded (or for an account without one). */
  keyFor(accountId: string): Promise<Buffer | undefined>;
}

const isSealed = (value: SnapshotValue): value is SealedSnapshotValue =>
  typeof (value as Partial<SealedSnapshotValue>).sealed === 'string';

// The additional data binds a snapshot to its account, schema and version.
const place = (accountId: string, schema: number, version: number): string =>
  `${accountId}/snapshot/${schema}/${version}`;

/** Account snapshots: a cache beside the events, never the source of truth. */
export class Snapshots {
  constructor(
    private readonly records: RecordStore,
    readonly every: number,
    private readonly keys: SnapshotKeys,
    private readonly schema = SNAPSHOT_SCHEMA,
  ) {}

  async latest(accountId: string, atMostVersion?: number): Promise<Snapshot | undefined> {
    const record = await this.records.getRecord(SNAPSHOT_COLLECTION, accountId);
    const value = record?.value as SnapshotValue | undefined;
    if (!value || !this.readable(value.schema)) return undefined;
    if (atMostVersion !== undefined && value.version > atMostVersion) return undefined;
    const state = await this.open(accountId, value);
    const upgrade = value.schema === this.schema ? undefined : SNAPSHOT_UPGRADES[value.schema];
    return state && { version: value.version, state: upgrade ? upgrade(state) : state };
  }

  /** This schema, or an older one with an exact upgrade to it (only for the current schema). */
  private readable(schema: number): boolean {
    if (schema === this.schema) return true;
    return this.schema === SNAPSHOT_SCHEMA && Object.hasOwn(SNAPSHOT_UPGRADES, schema);
  }

  /** True when an append from `before` to `after` crossed a multiple of `every`. */
  isDue(before: number, after: number): boolean {
    return this.every > 0 && Math.floor(before / this.every) < Math.floor(after / this.every);
  }

  deleteWrite(accountId: string): RecordWrite {
    return { op: 'delete', collection: SNAPSHOT_COLLECTION, key: accountId };
  }

  /** Writes nothing for an account without a data key: a closed account has nothing to cache. */
  async save(accountId: string, version: number, state: AccountState): Promise<void> {
    const key = await this.keys.keyFor(accountId);
    if (!key) return;
    await this.records.writeRecords([
      {
        op: 'upsert',
        collection: SNAPSHOT_COLLECTION,
        key: accountId,
        value: this.seal(accountId, version, state, key),
      },
    ]);
  }

  /** Whether a stored snapshot holds its state in clear (written before envelope encryption). */
  static isClear(record: StoredRecord): boolean {
    const value = record.value as Partial<ClearSnapshotValue> | null;
    return typeof value === 'object' && value !== null && 'state' in value;
  }

  /**
   * The write that replaces a snapshot stored in clear: the same snapshot sealed, or its
   * deletion when the account has no data key any more. Confidential, so SQLite purges
   * the old bytes from its WAL; an update, so a snapshot deleted meanwhile stays deleted.
   */
  async sealClear(record: StoredRecord): Promise<RecordWrite> {
    const value = record.value as unknown as ClearSnapshotValue;
    const key = await this.keys.keyFor(record.key);
    if (!key) return { ...this.deleteWrite(record.key), confidential: true };
    return {
      op: 'update',
      collection: SNAPSHOT_COLLECTION,
      key: record.key,
      value: this.seal(record.key, value.version, value.state, key, value.schema),
      confidential: true,
    };
  }

  private seal(
    accountId: string,
    version: number,
    state: AccountState,
    key: Buffer,
    schema = this.schema,
  ): JsonValue {
    const sealed = encryptField(key, JSON.stringify(state), place(accountId, schema, version));
    return { schema, version, sealed } satisfies SealedSnapshotValue;
  }

  private async open(accountId: string, value: SnapshotValue): Promise<AccountState | undefined> {
    if (!isSealed(value)) return value.state; // in clear until `keys rewrap` seals it
    const key = await this.keys.keyFor(accountId);
    // Shredded: the events (with personal fields erased) say what is left.
    if (!key) return undefined;
    try {
      const text = decryptField(key, value.sealed, place(accountId, value.schema, value.version));
      return JSON.parse(text) as AccountState;
    } catch {
      // Altered: a snapshot is only a cache; the account is rebuilt from its events.
      return undefined;
    }
  }
}
