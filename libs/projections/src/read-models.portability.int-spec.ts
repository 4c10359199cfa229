import { Client } from 'pg';
import type { RecordedEvent, SqlValue } from '@account-ops/event-store';
import { accountFixtures as fx, freshSchemaName, testPgUrl } from '@account-ops/testing';
import { DEFAULT_ACCOUNT_CONFIG, type Command } from '@account-ops/accounts';
import { listAudit } from './audit/audit.queries';
import { balanceTotals, getBalance } from './balance/balance.queries';
import { DEFAULT_PROJECTIONS } from './default-projections';
import { accountsInRetention, frozenAccounts, listAccounts } from './ops/account.queries';
import { listRefunds, refundsAwaitingApproval } from './ops/refund.queries';
import { stalePendingTopUps } from './ops/top-up.queries';
import { liveTableNames, tableOf } from './projection';
import type { ReadModelReader } from './read-model-reader';
import { AccountsDriver, forAccount } from './testing/accounts-driver';
import { EventLog } from './testing/event-log';
import { everyEventStory } from './testing/scenarios';
import { SqliteHarness } from './testing/sqlite-harness';

/** `?` → `$1, $2, …`, as the PostgreSQL backend sends them. */
const numbered = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

/** PostgreSQL positions: transaction ids past 2^53, two events per transaction. */
const pgLike = (n: number) => ({
  commit: 2n ** 60n + BigInt(Math.ceil(n / 2)),
  prepare: BigInt(n),
});

function history(): readonly RecordedEvent[] {
  const on = (accountId: string, commands: Command[]) =>
    commands.map((c) => forAccount(accountId, c));
  return new AccountsDriver(DEFAULT_ACCOUNT_CONFIG, new EventLog(pgLike))
    .run(everyEventStory('acc-1'))
    .run(
      on('acc-2', [
        fx.open({ currency: 'EUR' }),
        fx.card(),
        fx.topUp('t1', 500),
        fx.settle('t1'),
        fx.topUp('t2', 300),
        fx.refund('r1', 100),
        fx.command('MarkPaymentOverdue', {}),
      ]),
    )
    .run(on('acc-3', [...fx.funded(800), fx.refund('r1', 700), fx.approve('r1')]))
    .run(
      on('acc-4', [
        fx.open(),
        fx.command('RequestCancellation', { reason: 'leaving' }),
        fx.command('ConfirmCancellation', {}),
      ]),
    ).events;
}

/** Every query helper, with filters that hit rows, run against one reader. */
async function answers(reader: ReadModelReader) {
  const now = new Date('2025-04-30T00:00:00.000Z');
  const after = (await listAudit(reader, { limit: 7 })).nextAfter ?? undefined;
  return {
    balance: await getBalance(reader, 'acc-1'),
    missing: await getBalance(reader, 'nobody'),
    totals: await balanceTotals(reader),
    audit: await listAudit(reader, { limit: 1000 }),
    auditPage: await listAudit(reader, { after, limit: 5, accountId: 'acc-1' }),
    auditFiltered: await listAudit(reader, {
      actorId: 'gateway',
      type: 'TopUpInitiated',
      from: '2025-03-10T09:00:00.000Z',
      to: '2025-03-11',
    }),
    awaiting: await refundsAwaitingApproval(reader, now),
    refunds: await listRefunds(reader),
    paid: await listRefunds(reader, { status: 'paid', accountId: 'acc-1' }),
    frozen: await frozenAccounts(reader),
    accounts: await listAccounts(reader),
    overdue: await listAccounts(reader, { status: 'active', freezeReason: 'overdue_payment' }),
    retention: await accountsInRetention(reader),
    stale: await stalePendingTopUps(reader, { now, olderThanSeconds: 3600 }),
  };
}

describe('the read models give the same answers on SQLite and PostgreSQL', () => {
  const client = new Client({ connectionString: testPgUrl() });
  const schema = freshSchemaName('rm_portable');
  const pg: ReadModelReader = {
    query: async (sql, params = []) => (await client.query(numbered(sql), [...params])).rows,
  };
  const run = (sql: string, params: readonly SqlValue[] = []) => pg.query(sql, params);

  beforeAll(async () => {
    await client.connect();
    await client.query(`CREATE SCHEMA "${schema}"`);
    await client.query(`SET search_path TO "${schema}"`);
  });

  afterAll(async () => {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  });

  it('for a history with every event type, four accounts and two currencies', async () => {
    for (const projection of DEFAULT_PROJECTIONS) {
      const names = liveTableNames(projection);
      for (const table of projection.tables) {
        const physical = tableOf(names, table.name);
        await run(`CREATE TABLE ${physical} (${table.columns})`);
        for (const index of table.indexes ?? []) {
          await run(`CREATE INDEX ${physical}_${index.name} ON ${physical} (${index.columns})`);
        }
      }
    }
    const events = history();
    for (const event of events) {
      for (const projection of DEFAULT_PROJECTIONS) {
        for (const { sql, params } of projection.apply(event, liveTableNames(projection))) {
          await run(sql, params);
        }
      }
    }
    const sqlite = new SqliteHarness(DEFAULT_PROJECTIONS).project(events);
    const expected = await answers(sqlite.reader);
    expect(expected.audit.items).toHaveLength(events.length);
    // Every answer has rows to compare, or an equal answer would prove nothing.
    for (const [name, answer] of Object.entries(expected)) {
      if (name === 'missing') continue;
      const rows = Array.isArray(answer)
        ? answer
        : answer && 'items' in answer
          ? answer.items
          : [answer];
      expect({ name, rows: rows.length > 0 }).toEqual({ name, rows: true });
    }
    expect(await answers(pg)).toEqual(expected);

    // And row for row, numbers compared as text (the drivers type them differently).
    for (const projection of DEFAULT_PROJECTIONS) {
      for (const table of projection.tables) {
        const physical = tableOf(liveTableNames(projection), table.name);
        const dump = async (reader: ReadModelReader) =>
          (await reader.query(`SELECT * FROM ${physical}`))
            .map((row) =>
              JSON.stringify(
                Object.entries(row).map(([k, v]) => [k, v === null ? null : String(v)]),
              ),
            )
            .sort();
        expect(await dump(pg)).toEqual(await dump(sqlite.reader));
      }
    }
    sqlite.close();
  });
});
