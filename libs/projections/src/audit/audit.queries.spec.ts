import { DEFAULT_ACCOUNT_CONFIG } from '@account-ops/accounts';
import type { Position, RecordedEvent } from '@account-ops/event-store';
import { accountFixtures as fx } from '@account-ops/testing';
import { AccountsDriver, forAccount } from '../testing/accounts-driver';
import { EventLog } from '../testing/event-log';
import { SqliteHarness } from '../testing/sqlite-harness';
import { auditProjection } from './audit.projection';
import { AUDIT_DEFAULT_LIMIT, AUDIT_MAX_LIMIT, listAudit, type AuditQuery } from './audit.queries';

/**
 * Positions as PostgreSQL assigns them: transaction id (beyond 2^53, so a lossy number
 * conversion would show) and sequence, three events per transaction.
 */
const XID_BASE = 2n ** 60n;
const pgLike = (n: number) => ({ commit: XID_BASE + BigInt(Math.ceil(n / 3)), prepare: BigInt(n) });

const driver = new AccountsDriver(DEFAULT_ACCOUNT_CONFIG, new EventLog(pgLike)).run([
  ...fx.funded(10_000),
  ...[fx.open({ currency: 'EUR' }), fx.topUp('t1', 500)].map((c) => forAccount('acc-2', c)),
  fx.refund('r1', 1_000),
  fx.approve('r1'),
  forAccount('acc-2', fx.settle('t1')),
  { at: '2025-03-11T00:00:00.000Z' },
  fx.command('Freeze', { reason: 'manual', note: 'check' }),
]);
const events = driver.events;
const harness = new SqliteHarness([auditProjection]).project(events);
const ids = (list: readonly { eventId: string }[]) => list.map((e) => e.eventId);
const where = (keep: (e: RecordedEvent) => boolean) => ids(events.filter(keep));

/** Reads every page of `query`, `size` rows at a time. */
async function allPages(query: AuditQuery, size: number) {
  const pages: string[][] = [];
  let after: Position | undefined;
  for (;;) {
    const page = await listAudit(harness.reader, { ...query, limit: size, after });
    pages.push(ids(page.items));
    if (page.nextAfter === null) return pages;
    expect(page.nextAfter).toEqual(page.items[page.items.length - 1]?.position);
    after = page.nextAfter;
  }
}

describe('listAudit', () => {
  it('lists every event by position, bigints intact', async () => {
    const page = await listAudit(harness.reader);
    expect(ids(page.items)).toEqual(ids(events));
    expect(page.items.map((e) => e.position)).toEqual(events.map((e) => e.globalPosition));
    expect(page.nextAfter).toBeNull();
  });

  it.each<[string, AuditQuery, (e: RecordedEvent) => boolean]>([
    ['account', { accountId: 'acc-2' }, (e) => e.streamId === 'account-acc-2'],
    ['actor', { actorId: 'gateway' }, (e) => e.metadata.actor.id === 'gateway'],
    ['type', { type: 'TopUpSettled' }, (e) => e.type === 'TopUpSettled'],
    [
      'time range: from inclusive, to exclusive',
      { from: events[2]!.metadata.occurredAt, to: events[6]!.metadata.occurredAt },
      (e) =>
        e.metadata.occurredAt >= events[2]!.metadata.occurredAt &&
        e.metadata.occurredAt < events[6]!.metadata.occurredAt,
    ],
    ['from a day on', { from: '2025-03-11' }, (e) => e.type === 'FreezeApplied'],
    [
      'several filters at once',
      { accountId: 'acc-1', actorId: 'gateway', type: 'TopUpInitiated' },
      (e) => e.streamId === 'account-acc-1' && e.type === 'TopUpInitiated',
    ],
    ['nothing matching', { accountId: 'acc-1', type: 'AccountClosed' }, () => false],
  ])('filters by %s', async (_, query, keep) => {
    const expected = where(keep);
    expect(expected.length === 0 || expected.length < events.length).toBe(true);
    expect(ids((await listAudit(harness.reader, query)).items)).toEqual(expected);
  });

  it.each([1, 2, 3, 4, 5, events.length])(
    'pages by position, %i rows a page: every event once, in order',
    async (size) => {
      const pages = await allPages({}, size);
      expect(pages.flat()).toEqual(ids(events));
      expect(pages.slice(0, -1).every((p) => p.length === size)).toBe(true);
      expect(pages.length).toBe(Math.ceil(events.length / size));
    },
  );

  it('pages a filtered list', async () => {
    expect((await allPages({ accountId: 'acc-1' }, 2)).flat()).toEqual(
      where((e) => e.streamId === 'account-acc-1'),
    );
  });

  it('starts after `after`, exclusively, comparing commit then prepare', async () => {
    // Event 4 opens the second transaction; its neighbours share or precede its commit.
    for (const k of [0, 1, 2, 3, 4, 5]) {
      const after = events[k]!.globalPosition;
      expect(ids((await listAudit(harness.reader, { after })).items)).toEqual(
        ids(events.slice(k + 1)),
      );
    }
  });

  describe('page size', () => {
    const many = new EventLog();
    const opened = driver.log.events[0]!;
    for (let i = 0; i < AUDIT_MAX_LIMIT + 5; i++) {
      many.append('acc-1', [{ type: opened.type, data: opened.data } as never], {
        actor: fx.OPERATOR,
      });
    }
    const big = new SqliteHarness([auditProjection]).project(many.events);

    it.each<[number | undefined, number]>([
      [undefined, AUDIT_DEFAULT_LIMIT],
      [0, 1],
      [-3, 1],
      [2.7, 2],
      [Number.NaN, AUDIT_DEFAULT_LIMIT],
      [AUDIT_MAX_LIMIT + 1, AUDIT_MAX_LIMIT],
    ])('limit %p gives %i rows', async (limit, rows) => {
      const page = await listAudit(big.reader, { limit });
      expect(page.items).toHaveLength(rows);
      expect(page.nextAfter).not.toBeNull();
    });
  });
});
