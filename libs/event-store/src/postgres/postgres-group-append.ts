import { DatabaseError, type Pool, type PoolClient, type QueryResult } from 'pg';
import { sealEvents, type SealedEvent, type StreamTip } from '../append/seal-events';
import { GENESIS_HASH } from '../hash/hash-chain';
import type { NewEvent, RecordedEvent } from '../port/envelope';
import { WrongExpectedVersion } from '../port/errors';
import { type ExpectedVersion, expectedVersionHolds } from '../port/expected-version';
import type { RecordWrite } from '../port/records';
import type { JobOutcome } from './commit-queue';
import { carriesNul, lockTipsText, type TipWrite, writeGroupText } from './group-sql';
import { appendAlone } from './postgres-append';
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
  const together = await appendTogether(ctx, jobs);
  if (together.committed) return together.outcomes;
  const outcomes: JobOutcome<RecordedEvent[]>[] = [];
  for (const job of jobs) outcomes.push(await outcomeOf(() => appendAlone(ctx, job)));
  return outcomes;
}

async function appendTogether(
  ctx: GroupContext,
  jobs: readonly AppendJob[],
): Promise<Committed | { readonly committed: false }> {
  const client = await ctx.pool.connect();
  let broken: Error | undefined;
  let committing = false;
  try {
    const tips = await lockTips(client, ctx.schema, jobs);
    const plan = planGroup(jobs, tips);
    if (plan.events.length === 0) {
      // Every append failed its check: nothing to write.
      await client.query('ROLLBACK');
      return { committed: true, outcomes: plan.outcomes.map((o) => o(new Map())) };
    }
    const write = writeGroupText(ctx.schema, ctx.channel, plan.events, plan.tips, plan.records);
    if (carriesNul(write)) {
      await client.query('ROLLBACK');
      return { committed: false };
    }
    committing = true;
    const results = await client.query(write);
    const positions = positionsById(results);
    return { committed: true, outcomes: plan.outcomes.map((o) => o(positions)) };
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

/** Locks (creating where an append may) every stream of the group; tips by stream. */
async function lockTips(
  client: PoolClient,
  schema: string,
  jobs: readonly AppendJob[],
): Promise<Map<string, StreamTip>> {
  const all = [...new Set(jobs.map((j) => j.streamId))];
  const creatable = [...new Set(jobs.filter(mayCreate).map((j) => j.streamId))];
  const results = (await client.query(
    lockTipsText(schema, creatable, all),
  )) as unknown as QueryResult<{ stream_id: string; version: number; last_hash: string }>[];
  const rows = results[results.length - 1]!.rows;
  return new Map(rows.map((r) => [r.stream_id, { version: r.version, hash: r.last_hash }]));
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
  /** Per job, its outcome once the events' positions are known. */
  readonly outcomes: ((
    positions: Map<string, RecordedEvent['globalPosition']>,
  ) => JobOutcome<RecordedEvent[]>)[];
}

/** Checks and seals the appends in order, each on the tip the ones before it left. */
function planGroup(jobs: readonly AppendJob[], locked: Map<string, StreamTip>): GroupPlan {
  const tips = new Map(locked);
  const plan: GroupPlan = { events: [], tips: [], records: [], outcomes: [] };
  const written = new Set<string>();
  for (const job of jobs) {
    const tip = tips.get(job.streamId);
    const actual = tip?.version ?? 0;
    if (!expectedVersionHolds(job.expectedVersion, actual)) {
      const error = new WrongExpectedVersion(job.streamId, job.expectedVersion, actual);
      plan.outcomes.push(() => ({ ok: false, error }));
      continue;
    }
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
  return error instanceof DatabaseError && error.severity === 'ERROR';
}

async function outcomeOf<T>(run: () => Promise<T>): Promise<JobOutcome<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    return { ok: false, error };
  }
}
