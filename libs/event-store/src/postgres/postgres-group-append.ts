import type { Pool, PoolClient, QueryResult } from 'pg';
import { loadPg } from '../drivers/store-drivers';
import { sealEvents, type SealedEvent, type StreamTip } from '../append/seal-events';
import { GENESIS_HASH } from '../hash/hash-chain';
import type { NewEvent, RecordedEvent } from '../port/envelope';
import { DuplicateRecord, WrongExpectedVersion } from '../port/errors';
import { type ExpectedVersion, expectedVersionHolds } from '../port/expected-version';
import type { RecordWrite } from '../port/records';
import type { JobOutcome } from './commit-queue';
import {
  carriesNul,
  lockOnlyText,
  lockTipsText,
  type RecordKey,
  type TipWrite,
  writeGroupText,
} from './group-sql';
import { appendAlone } from './postgres-append';
import { connectGuarded } from './postgres-connections';
import type { RecordsSql } from './postgres-records';
import { toPosition } from './postgres-rows';
import type { PostgresSql } from './postgres-sql';

/** One append waiting for its group: validated, with at least one event. */
export interface AppendJob {
  readonly streamId: string;
  readonly events: readonly NewEvent[];
  readonly expectedVersion: ExpectedVersion;
  readonly records: readonly RecordWrite[];
  readonly now: Date;
}

/** Where a group commits. */
export interface GroupContext {
  readonly pool: Pool;
  readonly schema: string;
  readonly sql: PostgresSql;
  readonly recordsSql: RecordsSql;
  /** NOTIFY channel woken at commit. */
  readonly channel: string;
  /** The tips this process's own commits left, for the one-round-trip group (see below). */
  readonly tips: TipCache;
}

/** Streams' tips as this process last committed them; a hint, never trusted unchecked. */
export class TipCache {
  private readonly tips = new Map<string, StreamTip>();
  constructor(private readonly capacity = 100_000) {}

  get(streamId: string): StreamTip | undefined {
    return this.tips.get(streamId);
  }

  set(streamId: string, tip: StreamTip): void {
    this.tips.delete(streamId);
    this.tips.set(streamId, tip);
    if (this.tips.size > this.capacity) this.tips.delete(this.tips.keys().next().value as string);
  }

  delete(streamId: string): void {
    this.tips.delete(streamId);
  }
}

type Committed = { readonly committed: true; readonly outcomes: JobOutcome<RecordedEvent[]>[] };

/**
 * Commits a group of appends in one transaction, each append still all-or-nothing and
 * failing alone. Two round trips: the first locks every stream's tip, then each append's
 * expected version is checked against its stream's tip — as the appends before it in the
 * group left it — and its events are sealed onto that tip; a wrong version fails that
 * append, which writes nothing. The second writes all that is left and commits.
 *
 * The database can still refuse a write (an event id or an insert-only record already
 * stored, a deadlock): the statement fails, the transaction is rolled back, nothing of the
 * group is stored, and each append is then run again on its own, as before group commit
 * (postgres-append.ts), so that exactly the offending one fails. An error after which
 * the commit may have happened (a lost connection) fails every append of the group with
 * it, as it would have failed a lone append: appends are never run twice.
 */
export async function appendGroup(
  ctx: GroupContext,
  jobs: readonly AppendJob[],
): Promise<JobOutcome<RecordedEvent[]>[]> {
  try {
    const known = knownTips(ctx.tips, jobs);
    if (known) {
      const fast = await appendInOneTrip(ctx, jobs, known);
      if (fast.committed) return remembered(ctx, jobs, fast.outcomes);
      // Refused as a whole (a tip another process moved, a taken key): check it all.
      for (const job of jobs) ctx.tips.delete(job.streamId);
    }
    const together = await appendTogether(ctx, jobs);
    if (together.committed) return remembered(ctx, jobs, together.outcomes);
    const outcomes: JobOutcome<RecordedEvent[]>[] = [];
    for (const job of jobs) outcomes.push(await outcomeOf(() => appendAlone(ctx, job)));
    return remembered(ctx, jobs, outcomes);
  } catch (error) {
    // The commit may or may not have happened: no tip of the group can be trusted.
    for (const job of jobs) ctx.tips.delete(job.streamId);
    throw error;
  }
}

/**
 * The cached tip of every stream of the group when each append expects exactly it (the
 * engine appends with the version its last commit left) and no stream appears twice;
 * undefined otherwise, and the group takes the checked path.
 */
function knownTips(
  cache: TipCache,
  jobs: readonly AppendJob[],
): Map<string, StreamTip> | undefined {
  const known = new Map<string, StreamTip>();
  for (const job of jobs) {
    const tip = cache.get(job.streamId);
    if (!tip || known.has(job.streamId) || job.expectedVersion !== tip.version) return undefined;
    known.set(job.streamId, tip);
  }
  return known;
}

/** Records the tips the group's commits left, and forgets those of streams that failed. */
function remembered(
  ctx: GroupContext,
  jobs: readonly AppendJob[],
  outcomes: JobOutcome<RecordedEvent[]>[],
): JobOutcome<RecordedEvent[]>[] {
  outcomes.forEach((outcome, i) => {
    const streamId = jobs[i]!.streamId;
    const last = outcome.ok ? outcome.value[outcome.value.length - 1] : undefined;
    if (last) ctx.tips.set(streamId, { version: last.version, hash: last.metadata.hash });
    else ctx.tips.delete(streamId);
  });
  return outcomes;
}

/**
 * The group in one round trip, on the tips this process's own commits left: BEGIN, lock
 * the rows in `stream_id` order, write, COMMIT, as one query. Nothing is read before the
 * write, so what the checked path verifies is left to the database, which refuses the
 * whole query if any of it is wrong: a tip another process moved makes the first event's
 * `(stream_id, version)` a duplicate, a taken key its record's insert. Then nothing is
 * stored and the caller runs the checked path.
 */
async function appendInOneTrip(
  ctx: GroupContext,
  jobs: readonly AppendJob[],
  tips: Map<string, StreamTip>,
): Promise<Attempted> {
  const plan = planGroup(jobs, tips, new Set());
  if (plan.events.length === 0) return { committed: false };
  const streams = [...tips.keys()];
  const text = `${lockOnlyText(ctx.schema, streams)};\n${writeGroupText(ctx.schema, ctx.channel, plan)}`;
  if (carriesNul(text)) return { committed: false };
  return attempt(ctx, async (client, committing) => {
    committing();
    const results = (await client.query(text)) as unknown as QueryResult[];
    // BEGIN, the lock, then the write's results (the events' positions first).
    const positions = positionsById(results.slice(2));
    return { committed: true, outcomes: plan.outcomes.map((o) => o(positions)) };
  });
}

type Attempted = Committed | { readonly committed: false };

/**
 * Runs one attempt at committing a group on a pooled client. A statement the server
 * refused (an ERROR) rolls back, stores nothing and answers `committed: false`, as does
 * any failure before `committing()` was called; a failure after it — the commit may have
 * happened — is thrown, and the connection discarded.
 */
async function attempt(
  ctx: GroupContext,
  work: (client: PoolClient, committing: () => void) => Promise<Attempted>,
): Promise<Attempted> {
  const client = await connectGuarded(ctx.pool);
  let broken: Error | undefined;
  let committing = false;
  try {
    return await work(client, () => (committing = true));
  } catch (error) {
    if (committing && !refusedBeforeCommit(error)) {
      broken = error as Error;
      throw error;
    }
    await client.query('ROLLBACK').catch((e: Error) => (broken = e));
    return { committed: false };
  } finally {
    client.release(broken);
  }
}

async function appendTogether(ctx: GroupContext, jobs: readonly AppendJob[]): Promise<Attempted> {
  return attempt(ctx, async (client, committing) => {
    const { tips, stored } = await lockTips(client, ctx.schema, jobs);
    const plan = planGroup(jobs, tips, stored);
    if (plan.events.length === 0) {
      // Every append failed its check: nothing to write.
      await client.query('ROLLBACK');
      return { committed: true, outcomes: plan.outcomes.map((o) => o(new Map())) };
    }
    const write = writeGroupText(ctx.schema, ctx.channel, plan);
    if (carriesNul(write)) {
      await client.query('ROLLBACK');
      return { committed: false };
    }
    committing();
    const results = await client.query(write);
    const positions = positionsById(results);
    return { committed: true, outcomes: plan.outcomes.map((o) => o(positions)) };
  });
}

interface Locked {
  /** Tips by stream. */
  readonly tips: Map<string, StreamTip>;
  /** Which of the records the group inserts are stored already (see recordId). */
  readonly stored: Set<string>;
}

/**
 * Locks (creating where an append may) every stream of the group and reads which of its
 * inserted records are taken. Keys holding U+0000 are left out: a query string cannot
 * carry them, and such a group goes the parameterised way anyway (carriesNul).
 */
async function lockTips(
  client: PoolClient,
  schema: string,
  jobs: readonly AppendJob[],
): Promise<Locked> {
  const all = [...new Set(jobs.map((j) => j.streamId))];
  const creatable = [...new Set(jobs.filter(mayCreate).map((j) => j.streamId))];
  const inserted = jobs.flatMap((j) =>
    j.records.filter((w) => w.op === 'insert' && !carriesNul(w.collection + w.key)),
  );
  const results = (await client.query(
    lockTipsText(schema, creatable, all, inserted),
  )) as unknown as QueryResult[];
  const tipRows = results[results.length - (inserted.length > 0 ? 2 : 1)]!.rows as {
    stream_id: string;
    version: number;
    last_hash: string;
  }[];
  const storedRows = inserted.length > 0 ? results[results.length - 1]!.rows : [];
  return {
    tips: new Map(tipRows.map((r) => [r.stream_id, { version: r.version, hash: r.last_hash }])),
    stored: new Set(storedRows.map((r: RecordKey) => recordId(r))),
  };
}

const recordId = (r: RecordKey): string => JSON.stringify([r.collection, r.key]);

/**
 * The first insert of `job` over a record that is stored, or that an append before it in
 * the group inserts, as the records stand after those appends' writes (`present`);
 * undefined when every insert is free.
 */
function takenInsert(job: AppendJob, present: Set<string>): RecordKey | undefined {
  const after = new Set<string>();
  const gone = new Set<string>();
  for (const write of job.records) {
    const id = recordId(write);
    const exists = (present.has(id) && !gone.has(id)) || after.has(id);
    if (write.op === 'insert' && exists) return write;
    if (write.op === 'delete') {
      gone.add(id);
      after.delete(id);
    } else after.add(id);
  }
  return undefined;
}

/** What `job`'s record writes leave stored, applied to `present`. */
function applyRecordsTo(present: Set<string>, job: AppendJob): void {
  for (const write of job.records) {
    if (write.op === 'delete') present.delete(recordId(write));
    else present.add(recordId(write));
  }
}

/** As a lone append: only these may create the stream's row. */
function mayCreate(job: AppendJob): boolean {
  return (
    job.expectedVersion === 'no_stream' ||
    job.expectedVersion === 0 ||
    job.expectedVersion === 'any'
  );
}

interface GroupPlan {
  readonly events: SealedEvent[];
  readonly tips: TipWrite[];
  readonly records: RecordWrite[];
  /** Streams of the group that none of its appends writes to. */
  readonly unwritten: string[];
  /** Per job, its outcome once the events' positions are known. */
  readonly outcomes: ((
    positions: Map<string, RecordedEvent['globalPosition']>,
  ) => JobOutcome<RecordedEvent[]>)[];
}

/**
 * Checks and seals the appends in order, each on the tip and records the ones before it
 * left: a wrong expected version fails the append with WrongExpectedVersion, an insert
 * over a stored record with DuplicateRecord, and it writes nothing.
 */
function planGroup(
  jobs: readonly AppendJob[],
  locked: Map<string, StreamTip>,
  stored: Set<string>,
): GroupPlan {
  const tips = new Map(locked);
  const present = new Set(stored);
  const plan: GroupPlan = { events: [], tips: [], records: [], unwritten: [], outcomes: [] };
  const written = new Set<string>();
  for (const job of jobs) {
    const tip = tips.get(job.streamId);
    const actual = tip?.version ?? 0;
    if (!expectedVersionHolds(job.expectedVersion, actual)) {
      const error = new WrongExpectedVersion(job.streamId, job.expectedVersion, actual);
      plan.outcomes.push(() => ({ ok: false, error }));
      continue;
    }
    const taken = takenInsert(job, present);
    if (taken) {
      const error = new DuplicateRecord(taken.collection, taken.key);
      plan.outcomes.push(() => ({ ok: false, error }));
      continue;
    }
    applyRecordsTo(present, job);
    const sealed = sealEvents(
      job.streamId,
      job.events,
      tip ?? { version: 0, hash: GENESIS_HASH },
      job.now,
    );
    const last = sealed[sealed.length - 1]!;
    tips.set(job.streamId, { version: last.version, hash: last.metadata.hash });
    written.add(job.streamId);
    plan.events.push(...sealed);
    plan.records.push(...job.records);
    plan.outcomes.push((positions) => ({
      ok: true,
      value: sealed.map((event) => ({ ...event, globalPosition: positions.get(event.eventId)! })),
    }));
  }
  for (const streamId of written) {
    const tip = tips.get(streamId)!;
    plan.tips.push({ streamId, version: tip.version, hash: tip.hash });
  }
  for (const streamId of new Set(jobs.map((j) => j.streamId))) {
    if (!written.has(streamId)) plan.unwritten.push(streamId);
  }
  return plan;
}

function positionsById(results: unknown): Map<string, RecordedEvent['globalPosition']> {
  const inserted = (
    results as QueryResult<{ event_id: string; seq: string; transaction_id: string }>[]
  )[0]!;
  return new Map(inserted.rows.map((row) => [row.event_id, toPosition(row)]));
}

/**
 * True when the server refused a statement of the write (an ERROR, not a FATAL end of the
 * session): the rest of the query, COMMIT included, was not run and nothing is stored.
 */
function refusedBeforeCommit(error: unknown): boolean {
  // pg is loaded by now: the error came from one of its connections.
  return error instanceof loadPg().DatabaseError && error.severity === 'ERROR';
}

async function outcomeOf<T>(run: () => Promise<T>): Promise<JobOutcome<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    return { ok: false, error };
  }
}
