import type { Command, CommandType } from '../commands/command';
import { accountConfig } from '../config/account-config';
import { AggregateDriver } from '../testing/aggregate-driver';
import * as fx from '../testing/fixtures';
import { COMMAND_SCHEMAS } from '../validation/command-schemas';
import { ERASED_TEXT, EVENT_TYPES, PERSONAL_DATA_FIELDS, type DomainEvent } from './domain-event';

const c = fx.command;

/** Every command that carries free text, each in a state where it succeeds. */
function everyFreeTextCommand(): (Command | { at: string })[] {
  const failPayout = (refundId: string) => c('MarkRefundPayoutFailed', { refundId, reason: 'x' });
  return [
    fx.open(),
    fx.card(),
    c('SetTopUpLimits', { singleMax: 1_000_000, reason: 'x' }),
    fx.topUp('t1', 900_000),
    fx.settle('t1'),
    fx.topUp('t2', 2_000),
    c('FailTopUp', { topUpId: 't2', reason: 'x' }),
    c('RequestRefund', { refundId: 'r1', amount: 1_000, reason: 'other', note: 'x' }),
    c('ApproveRefund', { refundId: 'r1', note: 'x' }),
    failPayout('r1'),
    c('RetryRefundPayout', { refundId: 'r1', note: 'x' }),
    failPayout('r1'),
    c('CancelRefund', { refundId: 'r1', reason: 'x' }, fx.APPROVER),
    fx.refund('r2', 2_000),
    c('RejectRefund', { refundId: 'r2', reason: 'x' }),
    fx.refund('r3', 3_000),
    c('CancelRefund', { refundId: 'r3', reason: 'x' }),
    c('MarkPaymentOverdue', { note: 'x' }),
    c('SettleOverdue', { note: 'x' }),
    c('Freeze', { reason: 'manual', note: 'x' }),
    c('Unfreeze', { reason: 'manual', note: 'x' }),
    c('StartMaintenance', { note: 'x' }),
    c('EndMaintenance', { note: 'x' }),
    c('RequestCancellation', { reason: 'x' }),
    c('WithdrawCancellation', { note: 'x' }),
    c('RequestCancellation', { reason: 'x' }),
    c('ConfirmCancellation', { note: 'x' }),
    c('ReactivateAccount', { note: 'x' }),
    c('RequestCancellation', { reason: 'x' }),
    c('ConfirmCancellation', { note: 'x' }),
  ];
}

const textFields = (type: CommandType): string[] =>
  Object.entries(COMMAND_SCHEMAS[type])
    .filter(([, spec]) => spec.kind === 'text' || spec.kind === 'email')
    .map(([field]) => field);

/** The command with every free-text field (present or optional) set to a marker of its own. */
function marked(command: Command, next: () => string): Command {
  const copy: Record<string, unknown> = { ...command };
  for (const field of textFields(command.type))
    copy[field] = field === 'ownerEmail' ? `${next()}@example.com` : next();
  return copy as Command;
}

function play() {
  let n = 0;
  const next = () => `«free-text-${++n}»`;
  const driver = new AggregateDriver([], accountConfig({ refundTwoApproversAbove: 10_000_000 }));
  const sent = new Set<CommandType>();
  for (const step of everyFreeTextCommand()) {
    if ('at' in step) {
      driver.jumpTo(step.at);
      continue;
    }
    driver.send(marked(step, next));
    sent.add(step.type);
  }
  return { driver, sent, markers: n };
}

const listed = (event: DomainEvent): readonly string[] =>
  (PERSONAL_DATA_FIELDS as Record<string, readonly string[] | undefined>)[event.type] ?? [];

describe('PERSONAL_DATA_FIELDS: every free text a person types is sealed', () => {
  const { driver, sent } = play();

  it('the story sends every command that has a free-text field (add a new one to it)', () => {
    const withText = (Object.keys(COMMAND_SCHEMAS) as CommandType[]).filter(
      (type) => textFields(type).length > 0,
    );
    expect(withText.filter((type) => !sent.has(type))).toEqual([]);
  });

  it('a command’s free text reaches an event only in a field listed for that event type', () => {
    const unsealed: string[] = [];
    for (const event of driver.events) {
      for (const [field, value] of Object.entries(event.data)) {
        if (
          typeof value === 'string' &&
          value.includes('«free-text-') &&
          !listed(event).includes(field)
        )
          unsealed.push(`${event.type}.${field}`);
      }
    }
    expect(unsealed).toEqual([]);
  });

  it('every listed field is a string field some command fills (no stale names)', () => {
    const seen = new Set<string>();
    for (const event of driver.events)
      for (const [field, value] of Object.entries(event.data))
        if (typeof value === 'string' && value.includes('«free-text-'))
          seen.add(`${event.type}.${field}`);
    const names = Object.entries(PERSONAL_DATA_FIELDS).flatMap(([type, fields]) =>
      (fields as readonly string[]).map((f) => `${type}.${f}`),
    );
    expect(names.filter((name) => !seen.has(name))).toEqual([]);
    expect(Object.keys(PERSONAL_DATA_FIELDS).every((t) => EVENT_TYPES.includes(t as never))).toBe(
      true,
    );
  });

  it('closing erases every free text from the state (what a replay after the key is gone reads)', () => {
    driver.jumpTo('2026-01-01T00:00:00.000Z');
    driver.send(c('CloseAccount', {}));
    expect(JSON.stringify(driver.state)).not.toContain('«free-text-');
    expect(driver.state.owner).toBeNull();
    expect(driver.state.cancellation?.reason).toBe(ERASED_TEXT);
    expect(driver.state.refunds.r1).toMatchObject({
      note: ERASED_TEXT,
      decisionReason: ERASED_TEXT,
      payoutFailureReason: ERASED_TEXT,
    });
    expect(driver.state.refunds.r2?.decisionReason).toBe(ERASED_TEXT);
    expect(driver.state.topUps.t2?.failureReason).toBe(ERASED_TEXT);
    // Financial history stays.
    expect(driver.state.refunds.r2?.amount).toBe(2_000);
    expect(driver.state.topUps.t1?.status).toBe('settled');
  });
});
