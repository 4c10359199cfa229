import type { ClientBase } from 'pg';
import { sealEvents, type StreamTip } from '../append/seal-events';
import { GENESIS_HASH } from '../hash/hash-chain';
import type { NewEvent, RecordedEvent } from '../port/envelope';
import { WrongExpectedVersion } from '../port/errors';
import { type ExpectedVersion, expectedVersionHolds } from '../port/expected-version';
import { toEventStoreError } from './postgres-errors';
import { type PositionRow, toPosition } from './postgres-rows';
import type { PostgresSql } from './postgres-sql';
import { withTransaction } from './postgres-connections';
import type { AppendJob, GroupContext } from './postgres-group-append';
import { applyRecordWrites } from './postgres-records';

/** One append, already validated, with at least one event. */
export interface PostgresAppend {
  readonly streamId: string;
  readonly events: readonly NewEvent[];
  readonly expectedVersion: ExpectedVersion;
  readonly now: Date;
  /** NOTIFY channel woken at commit. */
  readonly channel: string;
}

/**
 * The SQL half of an append, inside a READ COMMITTED transaction that the caller opened and
 * will commit or roll back. Locks the stream's row, checks the expected version against
 * the tip read under that lock, seals the events onto the tip's hash and writes them.
 *
 * Internal: exported so that tests can hold such a transaction open (late commits).
 * @throws WrongExpectedVersion, DuplicateEventId
 */
export async function appendInTransaction(
  client: ClientBase,
  sql: PostgresSql,
  append: PostgresAppend,
): Promise<RecordedEvent[]> {
  const { streamId, expectedVersion } = append;
  const tip = await lockTip(client, sql, streamId, expectedVersion);
  if (!expectedVersionHolds(expectedVersion, tip?.version ?? 0)) {
    throw new WrongExpectedVersion(streamId, expectedVersion, tip?.version ?? 0);
  }
  const start = tip ?? { version: 0, hash: GENESIS_HASH };
  const sealed = sealEvents(streamId, append.events, start, append.now);
  const last = sealed[sealed.length - 1]!;
  const eventIds = sealed.map((e) => e.eventId);
  const result = await client
    .query<PositionRow & { version: number }>(sql.appendEvents, [
      streamId,
      eventIds,
      sealed.map((e) => e.version),
      sealed.map((e) => e.type),
      sealed.map((e) => e.schemaVersion),
      sealed.map((e) => JSON.stringify(e.data)),
      sealed.map((e) => JSON.stringify(e.metadata)),
      last.version,
      last.metadata.hash,
      append.channel,
    ])
    .catch((error: unknown) => {
      throw toEventStoreError(error, eventIds);
    });
  // Rows come back ordered by version, like `sealed`.
  return sealed.map((event, i) => ({ ...event, globalPosition: toPosition(result.rows[i]!) }));
}

/**
 * Locks the stream's row and returns its tip; undefined when the stream has no events.
 * A writer that may create the stream inserts the row first: of two racing creators the
 * second waits on the primary key, finds the row once the first commits, and then locks it.
 * A writer that needs an existing stream never creates one.
 */
async function lockTip(
  client: ClientBase,
  sql: PostgresSql,
  streamId: string,
  expected: ExpectedVersion,
): Promise<StreamTip | undefined> {
  const expectsNew = expected === 'no_stream' || expected === 0;
  if (expected === 'any') {
    const existing = await selectTip(client, sql.lockStream, streamId);
    if (existing) return existing;
  }
  if (expectsNew || expected === 'any') {
    const created = await selectTip(client, sql.createStream, streamId, GENESIS_HASH);
    if (created) return created;
  }
  return selectTip(client, sql.lockStream, streamId);
}

async function selectTip(
  client: ClientBase,
  text: string,
  ...params: string[]
): Promise<StreamTip | undefined> {
  const { rows } = await client.query<{ version: number; last_hash: string }>(text, params);
  const row = rows[0];
  return row && { version: row.version, hash: row.last_hash };
}

/**
 * One append in a transaction of its own, with its records: what every append did before
 * group commit, and what a group falls back to, append by append, when the database
 * refused it as a whole.
 */
export async function appendAlone(ctx: GroupContext, job: AppendJob): Promise<RecordedEvent[]> {
  return withTransaction(ctx.pool, async (client) => {
    const appended = await appendInTransaction(client, ctx.sql, {
      streamId: job.streamId,
      events: job.events,
      expectedVersion: job.expectedVersion,
      now: job.now,
      channel: ctx.channel,
    });
    await applyRecordWrites(client, ctx.recordsSql, job.records);
    return appended;
  });
}
