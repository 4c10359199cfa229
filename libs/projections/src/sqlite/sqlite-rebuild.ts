import {
  START,
  type SqlRunner,
  type SqlStatement,
  type SyncEventSource,
} from '@account-ops/event-store';
import type { RebuildOptions, RebuildReport } from '../backend';
import { resetCheckpoint } from '../checkpoints/checkpoint';
import { liveTableNames, shadowTableNames, type Projection } from '../projection';
import { pageStatements } from '../runner/batch-statements';
import { mergeInserts } from '../runner/merge-inserts';
import { rebuildLoop } from '../runner/rebuild-loop';
import { createIndexes, createTables, dropTables, renameTables } from '../runner/table-ddl';

/** What a rebuild needs of the SQLite backend that runs it. */
export interface SqliteRebuildContext {
  readonly source: SyncEventSource;
  readonly runner: SqlRunner;
  readonly now: () => Date;
  /** Runs `work` as one synchronous IMMEDIATE transaction. */
  immediate<T>(work: () => T): T;
  ddl(statements: readonly SqlStatement[]): void;
}

/**
 * Rebuilds several projections in one pass over the events: each batch is read and parsed
 * once and feeds every projection's shadow tables, where one rebuild per projection would
 * read and parse the whole store once per projection. Each batch is one synchronous
 * transaction; the last one, which reaches the head, swaps every projection's tables in
 * and resets every checkpoint in the same transaction, so readers see all read models
 * move from the old rows to the new ones at once, and no append falls between the last
 * read and the swap. Stopped or failed, it drops every shadow table and leaves the live
 * ones as they were.
 *
 * The rows are those of {@link rowStatements}, the statements the projector runs: a
 * projection's statements touch only its own tables, so feeding several projections from
 * one batch cannot change what any of them writes.
 */
export async function rebuildTogether(
  ctx: SqliteRebuildContext,
  projections: readonly Projection[],
  batchSize: number,
  options: RebuildOptions,
): Promise<RebuildReport[]> {
  const targets = projections.map((projection) => ({
    projection,
    shadow: shadowTableNames(projection),
    live: liveTableNames(projection),
  }));
  ctx.immediate(() =>
    ctx.ddl(
      targets.flatMap(({ projection, shadow }) => [
        ...dropTables(projection, shadow),
        ...createTables(projection, shadow),
      ]),
    ),
  );
  const report = await rebuildLoop({
    name: projections.map((p) => p.name).join(', '),
    total: ctx.source.countEventsAfterSync(START),
    batchSize,
    options,
    applyBatch: async (from, size, applied) =>
      ctx.immediate(() => {
        const events = ctx.source.readAllSync({ fromPosition: from, maxCount: size });
        for (const { projection, shadow } of targets) {
          ctx.runner.run(mergeInserts(pageStatements(projection, events, shadow)));
        }
        const to = events[events.length - 1]?.globalPosition ?? from;
        const done = events.length < size;
        if (done) {
          const now = ctx.now();
          for (const { projection, shadow, live } of targets) {
            ctx.ddl([...dropTables(projection, live), ...renameTables(projection, shadow, live)]);
            ctx.ddl(createIndexes(projection, live));
            const total = applied + events.length;
            ctx.runner.run([resetCheckpoint(projection.name, projection.version, to, total, now)]);
          }
        }
        return { applied: events.length, to, done };
      }),
    abandon: async () =>
      ctx.immediate(() =>
        ctx.ddl(targets.flatMap(({ projection, shadow }) => dropTables(projection, shadow))),
      ),
  });
  return projections.map((p) => ({ ...report, name: p.name }));
}
