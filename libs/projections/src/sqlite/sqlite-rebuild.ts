import {
  START,
  type Position,
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
  /** Runs `work` with commits that do not sync the WAL (durable again once a later one does). */
  unsynced<T>(work: () => T): T;
  ddl(statements: readonly SqlStatement[]): void;
}

/**
 * Rebuilds several projections in one pass over the events: each batch is read and parsed
 * once and feeds every projection's shadow tables, where one rebuild per projection would
 * read and parse the whole store once per projection. Each batch is one synchronous
 * transaction; once one reaches the head, a last transaction reads whatever was appended
 * since, swaps every projection's tables in and resets every checkpoint, so readers see
 * all read models move from the old rows to the new ones at once, and no append falls
 * between the last read and the swap. Stopped or failed, it drops every shadow table and leaves the live
 * ones as they were.
 *
 * The rows are those of {@link pageStatements}: each projection's batch fold where it has
 * one, else the statements the projector runs, which leave the same rows (a property test
 * holds each fold to it). A projection's statements touch only its own tables, so feeding
 * several projections from one batch cannot change what any of them writes.
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
    applyBatch: async (from, size, applied) => {
      /** Reads a page from `at` and writes every projection's shadow rows for it. */
      const applyPage = (at: Position) => {
        const events = ctx.source.readAllSync({ fromPosition: at, maxCount: size });
        for (const { projection, shadow } of targets) {
          ctx.runner.run(mergeInserts(pageStatements(projection, events, shadow)));
        }
        return { applied: events.length, to: events[events.length - 1]?.globalPosition ?? at };
      };
      // Shadow rows need no sync of their own: after a crash the rebuild starts over, and
      // the swap's commit below syncs the log with every frame before it, in order.
      const page = ctx.unsynced(() => ctx.immediate(() => applyPage(from)));
      if (page.applied === size) return { ...page, done: false };
      // At the head, one synced transaction reads what came since (another process may
      // have appended) and swaps every projection in: no append falls in between.
      return ctx.immediate(() => {
        let { applied: tail, to } = page;
        for (let more = applyPage(to); more.applied > 0; more = applyPage(to)) {
          tail += more.applied;
          to = more.to;
        }
        const now = ctx.now();
        for (const { projection, shadow, live } of targets) {
          ctx.ddl([...dropTables(projection, live), ...renameTables(projection, shadow, live)]);
          ctx.ddl(createIndexes(projection, live));
          const total = applied + tail;
          ctx.runner.run([resetCheckpoint(projection.name, projection.version, to, total, now)]);
        }
        return { applied: tail, to, done: true };
      });
    },
    abandon: async () =>
      ctx.immediate(() =>
        ctx.ddl(targets.flatMap(({ projection, shadow }) => dropTables(projection, shadow))),
      ),
  });
  return projections.map((p) => ({ ...report, name: p.name }));
}
