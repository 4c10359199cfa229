import type { EventType } from '@account-ops/accounts';
import { accountFixtures as fx } from '@account-ops/testing';
import { DEFAULT_PROJECTIONS } from '../default-projections';
import { AccountsDriver } from '../testing/accounts-driver';
import { everyEventStory, PERSONAL_DATA } from '../testing/scenarios';
import { SqliteHarness } from '../testing/sqlite-harness';
import { auditProjection } from './audit.projection';
import { listAudit, type AuditEntry } from './audit.queries';
import { openAuditText } from './open-audit-text';

const driver = new AccountsDriver().run(everyEventStory('acc-1'));
const VISA_LAST4 = fx.VISA.slice(-4);

async function entries(events = driver.events): Promise<AuditEntry[]> {
  const harness = new SqliteHarness([auditProjection]).project(events);
  return (await listAudit(harness.reader, { limit: 1000 })).items;
}

/** The first audit row of each type, given the story, shows these facts. */
const cases: [EventType, Partial<AuditEntry>][] = [
  [
    'AccountOpened',
    { actorId: 'op-1', actorRoles: ['operator'], currency: 'CNY', amount: null, subjectId: null },
  ],
  ['BankCardChanged', { actorId: 'admin-1', cardLast4: VISA_LAST4, amount: null, note: null }],
  [
    'TopUpInitiated',
    { actorId: 'gateway', actorRoles: ['system'], subjectId: 't1', amount: 900_000 },
  ],
  ['TopUpSettled', { subjectId: 't1', amount: 900_000, currency: 'CNY' }],
  ['TopUpFailed', { subjectId: 't2', amount: 2_000, reason: 'declined' }],
  [
    'RefundRequested',
    { subjectId: 'r1', amount: 1_000, reason: 'service_unsatisfactory', note: null },
  ],
  ['RefundApproved', { subjectId: 'r1', actorId: 'ap-1', actorRoles: ['approver'], amount: null }],
  ['RefundPayoutStarted', { subjectId: 'r1', amount: 1_000, cardLast4: VISA_LAST4 }],
  ['RefundPaidOut', { subjectId: 'r1', amount: 1_000 }],
  ['RefundRejected', { subjectId: 'r2', amount: 2_000, reason: 'duplicate request' }],
  ['RefundCancelled', { subjectId: 'r3', reason: 'customer changed mind' }],
  ['RefundPayoutFailed', { subjectId: 'r4', amount: 600_000, reason: 'bounced' }],
  ['RefundPayoutRetried', { subjectId: 'r4', note: 'new card details', cardLast4: VISA_LAST4 }],
  ['RefundExpired', { subjectId: 'r6', amount: 6_000, reason: 'approval_sla_expired' }],
  ['FailedLoginRecorded', { actorId: 'gateway', amount: null, reason: null }],
  ['FreezeApplied', { reason: 'failed_logins', note: null }],
  ['FreezeLifted', { reason: 'failed_logins' }],
  ['CancellationRequested', { actorId: 'admin-1', reason: 'moving abroad' }],
  ['CancellationWithdrawn', { note: 'stays after all' }],
  // 3,000 a 30-day cycle, cancelled on day 15 (after the replaced card's 24 h hold): 15 unused days.
  ['FinalStatementIssued', { amount: 1_500, currency: 'CNY' }],
  // Paid to the replacement card (Mastercard …4444), once its hold had passed.
  ['FinalPayoutIssued', { cardLast4: '4444', currency: 'CNY' }],
  ['RefundPayoutDeferred', { subjectId: 'r7', amount: 700 }],
  ['CancellationConfirmed', { note: null }],
  ['AccountReactivated', { note: 'came back' }],
  ['AccountClosed', { actorId: 'gateway', amount: null }],
];

describe('audit projection', () => {
  it('has one row per event, in global order, with the envelope facts', async () => {
    const rows = await entries();
    expect(rows.map((r) => r.eventId)).toEqual(driver.events.map((e) => e.eventId));
    rows.forEach((row, i) => {
      const event = driver.events[i]!;
      expect(row).toMatchObject({
        position: event.globalPosition,
        occurredAt: event.metadata.occurredAt,
        streamId: 'account-acc-1',
        accountId: 'acc-1',
        streamVersion: event.version,
        type: event.type,
        correlationId: event.metadata.correlationId,
        causationId: event.metadata.causationId,
      });
    });
  });

  // The story ends with the account closed, which erases its free text: the facts are
  // checked as they read before.
  const beforeClosure = driver.events.filter((e) => e.type !== 'AccountClosed');

  it.each(cases)('%s', async (type, expected) => {
    const rows = await entries(type === 'AccountClosed' ? driver.events : beforeClosure);
    expect(rows.find((r) => r.type === type)).toMatchObject(expected);
  });

  it('openAuditText opens notes and free-text reasons where they were sealed, never codes', async () => {
    const asked: string[] = [];
    const opener = {
      openText: async (accountId: string, type: string, field: string, value: string) => {
        asked.push(`${accountId}/${type}/${field}`);
        return `opened(${value})`;
      },
    };
    const rows = await Promise.all((await entries()).map((r) => openAuditText(r, opener)));
    const of = (type: string) => rows.find((r) => r.type === type)!;
    expect(of('RefundRejected').reason).toBe('opened(duplicate request)');
    expect(of('CancellationWithdrawn').note).toBe('opened(stays after all)');
    expect(of('RefundRequested').reason).toBe('service_unsatisfactory');
    expect(of('FreezeApplied').reason).toBe('failed_logins');
    expect(of('RefundExpired').reason).toBe('approval_sla_expired');
    expect(asked).toContain('acc-1/TopUpFailed/reason');
    expect(asked.filter((place) => /RefundExpired|FreezeApplied\/reason/.test(place))).toEqual([]);
  });

  it('gives the final payout the amount due, after the prorated credit', async () => {
    const rows = await entries();
    const statement = driver.events.find((e) => e.type === 'FinalStatementIssued')!;
    const payout = rows.find((r) => r.type === 'FinalPayoutIssued');
    expect(payout?.amount).toBe((statement.data as { amountDue: number }).amountDue);
  });

  it('groups the events of one command under one correlation id', async () => {
    const rows = await entries();
    const confirm = rows.filter((r) => r.type === 'FinalStatementIssued')[0]!;
    const sameRequest = rows.filter((r) => r.correlationId === confirm.correlationId);
    expect(sameRequest.map((r) => r.type)).toEqual([
      'FinalStatementIssued',
      'FinalPayoutIssued',
      'CancellationConfirmed',
    ]);
  });

  it('records an event twice only once', () => {
    const harness = new SqliteHarness([auditProjection]).project(driver.events);
    harness.project(driver.events.slice(0, 3));
    expect(harness.rows('audit_events')).toHaveLength(driver.events.length);
  });

  it('keeps no personal data and no card detail but the last four digits, in any read model', () => {
    const harness = new SqliteHarness(DEFAULT_PROJECTIONS).project(driver.events);
    const cells = DEFAULT_PROJECTIONS.flatMap((p) => p.tables)
      .flatMap((t) => harness.rows(t.name))
      .flatMap((row) => Object.values(row).map(String));
    expect(cells.length).toBeGreaterThan(driver.events.length * 10);
    for (const secret of [...PERSONAL_DATA, 'hmac:', 'Example Bank']) {
      expect(cells.filter((cell) => cell.includes(secret))).toEqual([]);
    }
  });
});
