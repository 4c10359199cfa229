import type { RecordedEvent, SqlStatement } from '@account-ops/event-store';
import { DEFAULT_PROJECTIONS } from './default-projections';
import { liveTableNames, shadowTableNames, type Projection } from './projection';
import { AccountsDriver, forAccount } from './testing/accounts-driver';
import { everyEventStory } from './testing/scenarios';
import { SqliteHarness } from './testing/sqlite-harness';
import { accountFixtures as fx } from '@account-ops/testing';

/** Two accounts, every event type; the second stays open with a refund waiting. */
function history(): readonly RecordedEvent[] {
  return new AccountsDriver()
    .run(everyEventStory('acc-1'))
    .run(
      [fx.open({ currency: 'EUR' }), fx.card(), fx.topUp('t1', 500), fx.settle('t1')].map((c) =>
        forAccount('acc-2', c),
      ),
    )
    .run([forAccount('acc-2', fx.refund('r1', 100))]).events;
}

const statementsOf = (p: Projection, events: readonly RecordedEvent[], names = liveTableNames(p)) =>
  events.flatMap((e) => p.apply(e, names).map((s) => ({ event: e, statement: s })));

describe.each(DEFAULT_PROJECTIONS.map((p) => [p.name, p] as const))(
  'projection %s',
  (_, projection) => {
    const events = history();

    it('is at its current version and owns logical tables no other default projection owns', () => {
      // ops 2: free text erased at closure. audit 2: keyed by position.
      const current: Record<string, number> = { balance: 1, audit: 2, ops: 2 };
      expect(projection.version).toBe(current[projection.name]);
      const others = DEFAULT_PROJECTIONS.filter((p) => p !== projection).flatMap((p) =>
        p.tables.map((t) => t.name),
      );
      projection.tables.forEach((t) => expect(others).not.toContain(t.name));
    });

    it('binds exactly one portable value per placeholder: strings, finite numbers, bigints, null', () => {
      for (const { statement } of statementsOf(projection, events)) {
        expect(statement.params).toHaveLength((statement.sql.match(/\?/g) ?? []).length);
        for (const value of statement.params) {
          const portable =
            value === null ||
            typeof value === 'string' ||
            typeof value === 'bigint' ||
            (typeof value === 'number' && Number.isFinite(value));
          expect({ value, portable }).toEqual({ value, portable: true });
        }
      }
    });

    it('is pure: the same event gives the same statements', () => {
      const names = liveTableNames(projection);
      events.forEach((e) => expect(projection.apply(e, names)).toEqual(projection.apply(e, names)));
    });

    it('writes only to the tables it is given (a rebuild writes to the shadow tables)', () => {
      const shadow = new Set(Object.values(shadowTableNames(projection)));
      for (const { statement } of statementsOf(projection, events, shadowTableNames(projection))) {
        const tables = statement.sql.match(/\brm_\w+/g) ?? [];
        expect(tables.length).toBeGreaterThan(0);
        tables.forEach((t) => expect(shadow).toContain(t));
      }
    });

    it('addresses every UPDATE and DELETE by primary key, even without secondary indexes', () => {
      const harness = new SqliteHarness([projection], { indexes: false });
      const writes = statementsOf(projection, events).filter(({ statement }) =>
        /^\s*(UPDATE|DELETE)\b/i.test(statement.sql),
      );
      if (projection.name !== 'audit') expect(writes.length).toBeGreaterThan(0);
      // A closure erases the account's free text in every row it has: by the key's prefix.
      const closure = ({ event, statement }: (typeof writes)[number]) =>
        event.type === 'AccountClosed' && statement.sql.includes('CASE WHEN');
      for (const write of writes) {
        const plan = planOf(harness, write.statement);
        if (closure(write))
          plan.forEach((d) =>
            expect(d).toMatch(
              /^primary key$|^SEARCH \S+ USING (PRIMARY KEY|INDEX sqlite_autoindex_\S+) \(account_id=\?\)$/,
            ),
          );
        else expect(plan).toEqual(['primary key']);
      }
      harness.close();
    });

    it('applies every event of the history without an error', () => {
      const harness = new SqliteHarness([projection]);
      expect(() => harness.project(events)).not.toThrow();
      harness.close();
    });
  },
);

/**
 * How SQLite finds the rows a statement writes: 'primary key' when it looks them up by
 * every primary-key column, else the plan's own words (a SCAN, or a key prefix).
 */
function planOf(harness: SqliteHarness, { sql, params }: SqlStatement): string[] {
  const plan = harness.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as {
    detail: string;
  }[];
  const byKey = (detail: string): boolean => {
    const m = /^SEARCH (\S+) USING (?:PRIMARY KEY|INDEX sqlite_autoindex_\S+) \((.*)\)$/.exec(
      detail,
    );
    if (!m) return false;
    const used = (m[2] as string).split(' AND ').map((term) => term.split('=')[0]);
    const key = (harness.db.pragma(`table_info(${m[1]})`) as { name: string; pk: number }[])
      .filter((c) => c.pk > 0)
      .map((c) => c.name);
    return key.length > 0 && key.every((column) => used.includes(column));
  };
  return [...new Set(plan.map(({ detail }) => (byKey(detail) ? 'primary key' : detail)))];
}

describe('DEFAULT_PROJECTIONS', () => {
  it('lists balance, audit and ops', () => {
    expect(DEFAULT_PROJECTIONS.map((p) => p.name)).toEqual(['balance', 'audit', 'ops']);
  });

  it('leave events of other streams to the audit', () => {
    const [first] = history();
    const other = { ...(first as RecordedEvent), streamId: 'billing-1' };
    const counts = DEFAULT_PROJECTIONS.map((p) => p.apply(other, liveTableNames(p)).length);
    expect(counts).toEqual([0, 1, 0]);
  });
});
