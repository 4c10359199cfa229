import { DuplicateRecord } from '../port/errors';
import type { RecordStore, RecordWrite } from '../port/records';
import {
  ACCESS_BY_ACCOUNT,
  ACCESS_BY_ACTOR,
  ACCESS_COLLECTION,
  ACCESS_STATE_COLLECTION,
  ACCESS_STATE_KEY,
  indexKey,
  indexPrefix,
  seqKey,
} from './access-keys';
import {
  ACCESS_GENESIS_HASH,
  sealAccess,
  validateAccessInput,
  type AccessInput,
  type AccessRecord,
} from './access-record';
import { checkAccessLog, type AccessLogCheck } from './check-access-log';

/** The chain's tip as stored: where the next record links to. */
export interface AccessHead {
  readonly seq: number;
  readonly hash: string;
  /** The last record's time (records are never dated before it). */
  readonly at: string | null;
}

export interface AccessQuery {
  readonly accountId?: string;
  readonly actor?: string;
  /** At or after this instant (ISO 8601). */
  readonly from?: string;
  /** Before this instant (ISO 8601). */
  readonly to?: string;
  /** The previous page's `nextAfter`: only records after this sequence number. */
  readonly after?: number;
  /** Page size (default 100). */
  readonly limit?: number;
}

export interface AccessPage {
  readonly items: readonly AccessRecord[];
  /** Pass as `after` for the next page; null on the last page. */
  readonly nextAfter: number | null;
}

export interface AccessLogOptions {
  readonly now?: () => Date;
  /** Records per write (each read is one record; concurrent reads share writes). */
  readonly maxBatch?: number;
  /** How often a write that lost the race for the next number is re-sealed and retried. */
  readonly maxAttempts?: number;
}

interface Waiting {
  readonly inputs: readonly AccessInput[];
  readonly resolve: (records: AccessRecord[]) => void;
  readonly reject: (error: unknown) => void;
}

type Store = Pick<RecordStore, 'getRecord' | 'listRecords' | 'writeRecords'>;

/**
 * The read-access log: an append-only, hash-chained list of who read which account's
 * personal data, kept among the store's records (so every adapter keeps it the same way,
 * in the same database as the events).
 *
 * One chain for every process on a store, without a lock: record n is inserted under the
 * key n (an insert-only write, refused when the key exists) in the same atomic write as
 * its index entries and the new head. Two processes that both read head n-1 race for key
 * n; the database lets one in and refuses the other's whole write (DuplicateRecord), which
 * re-reads the head, re-seals its records after the winner's and retries. The chain
 * cannot fork, and no lock is held across a round trip. Within a process, reads that
 * arrive while a write is in flight wait and share the next write (group commit).
 */
export class AccessLog {
  private readonly now: () => Date;
  private readonly maxBatch: number;
  private readonly maxAttempts: number;
  private head: AccessHead | undefined;
  private waiting: Waiting[] = [];
  private flushing = false;
  /** Writes that lost the race for the next number and were retried (a measure of contention). */
  conflicts = 0;

  constructor(
    private readonly store: Store,
    options: AccessLogOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.maxBatch = options.maxBatch ?? 256;
    this.maxAttempts = options.maxAttempts ?? 100;
  }

  /**
   * Appends one record per input, durably, and answers them once committed. Rejects if
   * they could not be stored: the caller must then not hand the data out (fail closed).
   */
  record(inputs: readonly AccessInput[]): Promise<AccessRecord[]> {
    try {
      inputs.forEach(validateAccessInput);
    } catch (error) {
      return Promise.reject(error);
    }
    if (inputs.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      this.waiting.push({ inputs, resolve, reject });
      void this.flush();
    });
  }

  /** The stored head (seq 0 before the first record). */
  async readHead(): Promise<AccessHead> {
    const stored = await this.store.getRecord(ACCESS_STATE_COLLECTION, ACCESS_STATE_KEY);
    if (!stored) return { seq: 0, hash: ACCESS_GENESIS_HASH, at: null };
    return stored.value as unknown as AccessHead;
  }

  /** One record by its sequence number. */
  async get(seq: number): Promise<AccessRecord | undefined> {
    const stored = await this.store.getRecord(ACCESS_COLLECTION, seqKey(seq));
    return stored?.value as unknown as AccessRecord | undefined;
  }

  /**
   * Records matching every given filter, oldest first. With an account or an actor it
   * walks that id's index; a time range is found by binary search (record times never go
   * back along the chain).
   */
  async list(query: AccessQuery): Promise<AccessPage> {
    const limit = query.limit ?? 100;
    // Stored times are toISOString()'s: compare like with like.
    const from = query.from === undefined ? undefined : new Date(query.from).toISOString();
    const to = query.to === undefined ? undefined : new Date(query.to).toISOString();
    query = { ...query, from, to };
    const head = await this.readHead();
    let after = Math.max(
      query.after ?? 0,
      query.from ? (await this.firstAtOrAfter(query.from, head)) - 1 : 0,
    );
    const byIndex = query.accountId
      ? { collection: ACCESS_BY_ACCOUNT, prefix: indexPrefix(query.accountId) }
      : query.actor
        ? { collection: ACCESS_BY_ACTOR, prefix: indexPrefix(query.actor) }
        : undefined;
    const items: AccessRecord[] = [];
    for (;;) {
      const seqs = byIndex
        ? (
            await this.store.listRecords(byIndex.collection, {
              keyPrefix: byIndex.prefix,
              keyAfter: `${byIndex.prefix}${seqKey(after)}`,
              limit: limit + 1,
            })
          ).map((r) => (r.value as { seq: number }).seq)
        : range(after + 1, Math.min(head.seq, after + limit + 1));
      if (seqs.length === 0) return { items, nextAfter: null };
      const records = await Promise.all(seqs.map((seq) => this.get(seq)));
      for (const record of records) {
        // An index entry whose record is gone or altered: verify reports it; never list it.
        if (!record) continue;
        if (query.to !== undefined && record.at >= query.to) return { items, nextAfter: null };
        if (matches(record, query)) {
          if (items.length === limit) return { items, nextAfter: items[limit - 1]!.seq };
          items.push(record);
        }
      }
      after = seqs[seqs.length - 1]!;
    }
  }

  /** Walks the chain and its indexes; see {@link checkAccessLog}. */
  check(signal?: AbortSignal): Promise<AccessLogCheck> {
    return checkAccessLog(this.store, this.readHead(), signal);
  }

  /** The lowest seq whose time is at or after `from` (head.seq + 1 if none). */
  private async firstAtOrAfter(from: string, head: AccessHead): Promise<number> {
    let lo = 1;
    let hi = head.seq + 1;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      const record = await this.get(mid);
      // A deleted record cannot be placed: start from the beginning, filtering by time.
      if (!record) return 1;
      if (record.at >= from) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  private async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.waiting.length > 0) {
        // One turn of the event loop first, so that reads finishing together (on SQLite the
        // write blocks the thread: nothing else arrives during it) share this write.
        await new Promise<void>((resolve) => setImmediate(resolve));
        const batch: Waiting[] = [];
        let count = 0;
        while (
          this.waiting.length > 0 &&
          (batch.length === 0 || count + this.waiting[0]!.inputs.length <= this.maxBatch)
        ) {
          const next = this.waiting.shift()!;
          batch.push(next);
          count += next.inputs.length;
        }
        try {
          const records = await this.append(batch.flatMap((w) => w.inputs));
          let at = 0;
          for (const w of batch) {
            w.resolve(records.slice(at, at + w.inputs.length));
            at += w.inputs.length;
          }
        } catch (error) {
          batch.forEach((w) => w.reject(error));
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  private async append(inputs: readonly AccessInput[]): Promise<AccessRecord[]> {
    for (let attempt = 1; ; attempt++) {
      const head = this.head ?? (await this.readHead());
      const records = this.seal(head, inputs);
      const last = records[records.length - 1]!;
      try {
        await this.store.writeRecords(writesFor(records, last));
        this.head = { seq: last.seq, hash: last.hash, at: last.at };
        return records;
      } catch (error) {
        // Another process took the next number (or the write failed): re-read the head.
        this.head = undefined;
        if (!(error instanceof DuplicateRecord) || attempt >= this.maxAttempts) throw error;
        this.conflicts++;
      }
    }
  }

  private seal(head: AccessHead, inputs: readonly AccessInput[]): AccessRecord[] {
    const now = this.now().toISOString();
    // Never dated before the previous record: a clock stepping back cannot reorder the
    // chain's times, which listing by time relies on.
    const at = head.at !== null && head.at > now ? head.at : now;
    let prev = head;
    return inputs.map((input, i) => {
      const record = sealAccess(prev.hash, {
        seq: head.seq + i + 1,
        at,
        actor: input.actor,
        accountId: input.accountId,
        what: input.what,
        requestId: input.requestId ?? null,
      });
      prev = { seq: record.seq, hash: record.hash, at };
      return record;
    });
  }
}

function writesFor(records: readonly AccessRecord[], last: AccessRecord): RecordWrite[] {
  const writes: RecordWrite[] = [];
  for (const record of records) {
    // The chain's key first: losing the race fails the write on its first statement.
    writes.push({
      op: 'insert',
      collection: ACCESS_COLLECTION,
      key: seqKey(record.seq),
      value: { ...record },
    });
    writes.push({
      op: 'insert',
      collection: ACCESS_BY_ACCOUNT,
      key: indexKey(record.accountId, record.seq),
      value: { seq: record.seq },
    });
    writes.push({
      op: 'insert',
      collection: ACCESS_BY_ACTOR,
      key: indexKey(record.actor, record.seq),
      value: { seq: record.seq },
    });
  }
  writes.push({
    op: 'upsert',
    collection: ACCESS_STATE_COLLECTION,
    key: ACCESS_STATE_KEY,
    value: { seq: last.seq, hash: last.hash, at: last.at },
  });
  return writes;
}

function matches(record: AccessRecord, query: AccessQuery): boolean {
  return (
    (query.accountId === undefined || record.accountId === query.accountId) &&
    (query.actor === undefined || record.actor === query.actor) &&
    (query.from === undefined || record.at >= query.from) &&
    (query.to === undefined || record.at < query.to)
  );
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let n = from; n <= to; n++) out.push(n);
  return out;
}
