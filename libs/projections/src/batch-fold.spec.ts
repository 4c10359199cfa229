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
type Extra = {
  at: number;
  kind: 'reopen' | 'repeat' | 'unknown-type' | 'other-stream';
  account: number;
  pick: number;
};

const extra: fc.Arbitrary<Extra> = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom('reopen', 'repeat', 'unknown-type', 'other-stream'),
  account: fc.nat(),
  pick: fc.nat(),
});

/**
 * Domain histories of accounts `a0`, `a1`, … interleaved into one global order as
 * concurrent writers leave them (`picks` choose the next writer), plus what no command
 * writes but a store may hold and `apply` has a rule for: a second `AccountOpened`, or a
 * second copy of any event (a top-up initiated twice with one id: the rows keep the first,
 * the audit keeps both), an event type the domain does not know (it still moves
 * `last_version`), and an event of a stream that is no account's.
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
    const again = histories[k]![x.pick % Math.max(1, histories[k]!.length)];
    if (x.kind === 'reopen' && opening) order.splice(at, 0, { id: `a${k}`, event: opening });
    if (x.kind === 'repeat' && again) order.splice(at, 0, { id: `a${k}`, event: again });
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

/** Applies `events` event by event and page by page, and compares every row. */
function expectSameRows(projection: Projection, events: RecordedEvent[], sizes: number[]) {
  const byEvent = new SqliteHarness([projection], { indexes: false }).project(events);
  const folded = new SqliteHarness([projection], { indexes: false });
  try {
    const tables = liveTableNames(projection);
    for (const page of pages(events, sizes)) {
      // As the rebuilds run it: the fold, then consecutive inserts joined.
      const run = folded.db.transaction(() => {
        for (const { sql, params } of mergeInserts(pageStatements(projection, page, tables))) {
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
}

// Small pages, and pages past the audit fold's 128 rows per INSERT.
const pageSizes = fc.array(
  fc.oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 100, max: 300 })),
  { minLength: 1, maxLength: 5 },
);

describe.each([balanceProjection, auditProjection, opsProjection])(
  'the batch fold of $name',
  (projection) => {
    it('leaves exactly the rows the event-by-event path leaves, page by page, on SQLite', () => {
      fc.assert(
        fc.property(
          // Up to 12 accounts: enough events for pages past 128 rows.
          fc.array(history, { minLength: 1, maxLength: 12 }),
          fc.array(fc.nat(), { maxLength: 300 }),
          fc.array(extra, { maxLength: 6 }),
          pageSizes,
          (histories: Step[][], picks, extras, sizes) => {
            const events = generatedLog(
              histories.map((steps) => play(steps).events),
              picks,
              extras,
            );
            expectSameRows(projection, events, sizes);
          },
        ),
        { numRuns: 100 },
      );
    });
  },
);

interface TopUpStep {
  account: string;
  kind: 'init' | 'settle' | 'fail' | 'close' | 'open';
  topUpId: string;
  minute: number;
}

/**
 * A top-up event of any kind for one of two accounts and two ids, in no lawful order:
 * repeats and ends of rows written in an earlier page are what the fold's upserts are for.
 */
const topUpStep: fc.Arbitrary<TopUpStep> = fc.record({
  account: fc.constantFrom('x', 'x', 'y'),
  kind: fc.constantFrom('init', 'init', 'settle', 'fail', 'close', 'open'),
  topUpId: fc.constantFrom('t0', 't1'),
  minute: fc.integer({ min: 0, max: 59 }),
});

function topUpEvent(step: TopUpStep): DomainEvent {
  const at = `2026-01-01T00:${String(step.minute).padStart(2, '0')}:00.000Z`;
  const amount = { at, by: 'op', topUpId: step.topUpId, amount: 100, currency: 'EUR' };
  const events: Record<TopUpStep['kind'], unknown> = {
    init: { type: 'TopUpInitiated', data: { ...amount, method: 'card', stepUpVerified: false } },
    settle: { type: 'TopUpSettled', data: amount },
    fail: { type: 'TopUpFailed', data: { ...amount, reason: `declined ${step.minute}` } },
    close: {
      type: 'AccountClosed',
      data: { at, by: 'op', retentionUntil: at, personalDataErased: true },
    },
    open: { type: 'AccountOpened', data: { at, by: 'op', currency: 'EUR' } },
  };
  return events[step.kind] as DomainEvent;
}

describe('the batch fold of ops', () => {
  it('keeps the top-up rows of any order of initiations, ends, repeats and closures', () => {
    fc.assert(
      fc.property(
        fc.array(topUpStep, { minLength: 2, maxLength: 40, size: 'max' }),
        fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 5 }),
        (steps, sizes) => {
          const log = new EventLog();
          for (const step of steps) {
            log.append(step.account, [topUpEvent(step)], { actor: { id: 'op', roles: [] } });
          }
          expectSameRows(opsProjection, log.events, sizes);
        },
      ),
      { numRuns: 300 },
    );
  });
});
