import type { RecordStore } from '../port/records';
import {
  ACCESS_BY_ACCOUNT,
  ACCESS_BY_ACTOR,
  ACCESS_COLLECTION,
  idDigest,
  parseIndexKey,
  parseSeqKey,
} from './access-keys';
import type { AccessHead } from './access-log';
import { ACCESS_GENESIS_HASH, computeAccessHash, type AccessRecord } from './access-record';

/** What {@link checkAccessLog} found. */
export interface AccessLogCheck {
  readonly ok: boolean;
  /** Records walked. */
  readonly checked: number;
  /** The head's sequence number: how many records the chain should hold. */
  readonly headSeq: number;
  /** The first record that is missing, altered or out of place. */
  readonly firstBad?: { readonly seq: number; readonly reason: string };
}

const PAGE = 1000;

type Store = Pick<RecordStore, 'listRecords'>;

/**
 * Walks the chain in sequence order: every number from 1 to the head's present (a gap is
 * a deleted record), each record's hash recomputed from its content and the previous
 * hash (an altered record), its time not before the previous one's, and the last one
 * equal to the stored head. Then each index: every record has exactly its entries and
 * every entry names a record of that id. Memory: two numbers per record.
 */
export async function checkAccessLog(
  store: Store,
  headRead: Promise<AccessHead>,
  signal?: AbortSignal,
): Promise<AccessLogCheck> {
  const head = await headRead;
  const bad = (seq: number, reason: string, checked: number): AccessLogCheck => ({
    ok: false,
    checked,
    headSeq: head.seq,
    firstBad: { seq, reason },
  });
  const accountDigests: string[] = [];
  const actorDigests: string[] = [];
  let prevHash = ACCESS_GENESIS_HASH;
  let prevAt = '';
  let seq = 0;
  let keyAfter: string | undefined;
  for (;;) {
    if (signal?.aborted) throw new Error('interrupted');
    const page = await store.listRecords(ACCESS_COLLECTION, {
      limit: PAGE,
      ...(keyAfter ? { keyAfter } : {}),
    });
    if (page.length === 0) break;
    for (const stored of page) {
      const expected = seq + 1;
      const at = parseSeqKey(stored.key);
      if (at === undefined) return bad(expected, `unexpected key ${stored.key} in the chain`, seq);
      if (at > head.seq) return bad(at, 'a record after the stored head', seq);
      if (at !== expected) return bad(expected, 'missing (deleted)', seq);
      const record = stored.value as unknown as AccessRecord;
      if (record.seq !== expected) return bad(expected, 'holds another sequence number', seq);
      if (record.prevHash !== prevHash)
        return bad(expected, 'does not link to the record before it', seq);
      if (computeAccessHash(prevHash, record) !== record.hash)
        return bad(expected, 'its hash does not match its content (altered)', seq);
      if (record.at < prevAt) return bad(expected, 'dated before the record before it', seq);
      accountDigests.push(idDigest(record.accountId));
      actorDigests.push(idDigest(record.actor));
      prevHash = record.hash;
      prevAt = record.at;
      seq = expected;
    }
    keyAfter = page[page.length - 1]!.key;
  }
  if (seq < head.seq) return bad(seq + 1, 'missing (deleted)', seq);
  if (seq > 0 && head.hash !== prevHash) return bad(seq, 'the stored head does not match it', seq);
  for (const [collection, digests] of [
    [ACCESS_BY_ACCOUNT, accountDigests],
    [ACCESS_BY_ACTOR, actorDigests],
  ] as const) {
    const problem = await checkIndex(store, collection, digests, signal);
    if (problem) return bad(problem.seq, problem.reason, seq);
  }
  return { ok: true, checked: seq, headSeq: head.seq };
}

/** Every record's entry present, and no entry that names a record it does not belong to. */
async function checkIndex(
  store: Store,
  collection: string,
  digests: readonly string[],
  signal?: AbortSignal,
): Promise<{ seq: number; reason: string } | undefined> {
  const seen = new Uint8Array(digests.length + 1);
  let keyAfter: string | undefined;
  for (;;) {
    if (signal?.aborted) throw new Error('interrupted');
    const page = await store.listRecords(collection, {
      limit: PAGE,
      ...(keyAfter ? { keyAfter } : {}),
    });
    if (page.length === 0) break;
    for (const stored of page) {
      const entry = parseIndexKey(stored.key);
      const seq = entry?.seq ?? 0;
      if (!entry || seq < 1 || seq > digests.length || digests[seq - 1] !== entry.digest) {
        return { seq, reason: `${collection} entry ${stored.key} names no such record` };
      }
      if ((stored.value as { seq?: unknown }).seq !== seq) {
        return { seq, reason: `${collection} entry ${stored.key} was altered` };
      }
      seen[seq] = 1;
    }
    keyAfter = page[page.length - 1]!.key;
  }
  const missing = seen.indexOf(0, 1);
  return missing === -1 ? undefined : { seq: missing, reason: `missing from ${collection}` };
}
