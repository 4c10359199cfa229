import fc from 'fast-check';
import type { DomainEvent } from '@account-ops/accounts';
import type { RecordedEvent } from '@account-ops/event-store';
import { history, type Step } from '../../accounts/src/testing/command-arbitrary';
import { play } from '../../accounts/src/testing/play-history';
import { auditProjection } from './audit/audit.projection';
import { balanceProjection } from './balance/balance.projection';
import { opsProjection } from './ops/ops.projection';
import { liveTableNames, type Projection } from './projection';
import { pageStatements } from './runner/batch-statements';
import { mergeInserts } from './runner/merge-inserts';
import { EventLog } from './testing/event-log';
import { SqliteHarness } from './testing/sqlite-harness';

/** What the generated log holds besides the accounts' own histories. */
type Extra = { at: number; kind: 'reopen' | 'unknown-type' | 'other-stream'; account: number };

const extra: fc.Arbitrary<Extra> = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom('reopen', 'unknown-type', 'other-stream'),
  account: fc.nat(),
});

/**
 * Domain histories of accounts `a0`, `a1`, … interleaved into one global order as
 * concurrent writers leave them (`picks` choose the next writer), plus what no command
 * writes but a store may hold and `apply` has a rule for: a second `AccountOpened`
 * (ignored by the balance and ops rows, kept by the audit), an event type the domain does
 * not know (it still moves `last_version`), and an event of a stream that is no account's.
 */
function generatedLog(histories: DomainEvent[][], picks: number[], extras: Extra[]) {
  const order: { id: string; event: DomainEvent }[] = [];
  const queues = histories.map((h) => [...h]);
  for (let i = 0; queues.some((q) => q.length > 0); i++) {
    const open = queues.flatMap((q, k) => (q.length > 0 ? [k] : []));
    const k = open[(picks[i] ?? i) % open.length]!;
    order.push({ id: `a${k}`, event: queues[k]!.shift()! });
  }
  const stray = { type: 'SomethingNew', data: { at: '2026-01-01T00:00:00.000Z', by: 'x' } };
  for (const x of extras) {
    const k = x.account % histories.length;
    const opening = histories[k]![0];
    const at = x.at % (order.length + 1);
    if (x.kind === 'reopen' && opening) order.splice(at, 0, { id: `a${k}`, event: opening });
    if (x.kind === 'unknown-type') {
      order.splice(at, 0, { id: `a${k}`, event: stray as unknown as DomainEvent });
    }
    if (x.kind === 'other-stream') {
      order.splice(at, 0, { id: '', event: stray as unknown as DomainEvent });
    }
  }
  const log = new EventLog();
  for (const { id, event } of order) {
    log.append(id, [event], { actor: { id: event.data.by, roles: ['operator'] } });
  }
  return log.events;
}

/** `events` cut into pages of the given sizes (cycled), as a rebuild reads them. */
function pages(events: readonly RecordedEvent[], sizes: readonly number[]): RecordedEvent[][] {
  const out: RecordedEvent[][] = [];
  for (let i = 0, k = 0; i < events.length; k++) {
    const size = sizes[k % sizes.length]!;
    out.push(events.slice(i, i + size));
    i += size;
  }
  return out;
}

/** Every table of the projection, every row with every column, in primary-key order. */
function rowsOf(harness: SqliteHarness, projection: Projection) {
  return projection.tables.map((t) => harness.rows(t.name, '1, 2'));
}

describe.each([balanceProjection, auditProjection, opsProjection])(
  'the batch fold of $name',
  (projection) => {
    it('leaves exactly the rows the event-by-event path leaves, page by page, on SQLite', () => {
      fc.assert(
        fc.property(
          // Up to 12 accounts: enough events for pages past 128 rows.
          fc.array(history, { minLength: 1, maxLength: 12 }),
          fc.array(fc.nat(), { maxLength: 300 }),
          fc.array(extra, { maxLength: 4 }),
          // Small pages, and pages past the audit fold's 128 rows per INSERT.
          fc.array(fc.oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 100, max: 300 })), {
            minLength: 1,
            maxLength: 5,
          }),
          (histories: Step[][], picks, extras, sizes) => {
            const events = generatedLog(
              histories.map((steps) => play(steps).events),
              picks,
              extras,
            );
            const byEvent = new SqliteHarness([projection], { indexes: false }).project(events);
            const folded = new SqliteHarness([projection], { indexes: false });
            try {
              const tables = liveTableNames(projection);
              for (const page of pages(events, sizes)) {
                // As the rebuilds run it: the fold, then consecutive inserts joined.
                const run = folded.db.transaction(() => {
                  for (const { sql, params } of mergeInserts(
                    pageStatements(projection, page, tables),
                  )) {
                    folded.db.prepare(sql).run(...params);
                  }
                });
                run();
              }
              expect(rowsOf(folded, projection)).toEqual(rowsOf(byEvent, projection));
            } finally {
              byEvent.close();
              folded.close();
            }
          },
        ),
        { numRuns: 100 },
      );
    });
  },
);
