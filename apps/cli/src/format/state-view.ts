import type { AccountState } from '@account-ops/accounts';
import { renderFields, renderTable, type Column } from './table';

/** Where in the stream a replayed state sits. */
export interface ReplayPoint {
  readonly accountId: string;
  readonly version: number;
  readonly headVersion: number;
  /** occurredAt of the event at `version`. */
  readonly occurredAt: string;
}

const money = (amount: number, currency: string | null): string =>
  `${amount}${currency ? ` ${currency}` : ''}`;

const columns = (headers: readonly string[], right: readonly string[]): Column[] =>
  headers.map((header) => ({ header, align: right.includes(header) ? 'right' : 'left' }));

/**
 * The replayed state for a person: lifecycle, balances, each machine's state, freeze
 * reasons, refunds and top-ups, one block each. Never the card fingerprint (the JSON
 * output has it); personal fields as the vault gave them (erased after closure).
 */
export function renderState(point: ReplayPoint, state: AccountState): string {
  const c = state.currency;
  const card = state.bankCard;
  const header = [
    `account ${point.accountId} at version ${point.version} of ${point.headVersion} (${point.occurredAt})`,
    renderFields([
      ['status', `${state.status} (lifecycle machine: ${state.machines.lifecycle.value})`],
      ['currency', c],
      ['opened', state.openedAt],
      ['owner', owner(state)],
      [
        'bank card',
        card &&
          `${card.brand} ••${card.last4}, ${card.bankName}, holder ${card.holderName ?? '[erased]'}, since ${card.changedAt}`,
      ],
      [
        'plan',
        state.plan &&
          `${money(state.plan.pricePerCycle, c)} per ${state.plan.cycleDays} days from ${state.plan.cycleStart}`,
      ],
    ]),
  ].join('\n');
  const balances = [
    'balances (minor units)',
    renderFields([
      ['available', money(state.balance.available, c)],
      ['held', money(state.balance.held, c)],
      ['pendingIn', money(state.balance.pendingIn, c)],
      ['top-up limits', accountLimits(state)],
    ]),
  ].join('\n');
  return [header, balances, freeze(state), cancellation(state), refunds(state), topUps(state)]
    .filter((block) => block !== '')
    .join('\n\n');
}

/** The account's own limits (SetTopUpLimits); the configured defaults apply where none. */
function accountLimits(state: AccountState): string {
  const limits = state.topUpLimits;
  const one = (value: number | null | undefined) =>
    value === null || value === undefined ? 'default' : money(value, state.currency);
  return `single ${one(limits?.singleMax)}, daily ${one(limits?.dailyMax)}`;
}

function owner(state: AccountState): string | null {
  if (state.owner) return `${state.owner.name} <${state.owner.email}>`;
  return state.closedAt ? '[erased at closure]' : null;
}

function freeze(state: AccountState): string {
  const machine = Object.entries(state.machines.freeze.value)
    .map(([reason, on]) => `${reason}=${on}`)
    .join(' ');
  const title = `freeze: ${state.frozen ? 'FROZEN' : 'not frozen'} (freeze machine: ${machine})`;
  if (state.freezeReasons.length === 0) return title;
  const rows = state.freezeReasons.map((f) => [f.reason, f.since, f.by, f.note]);
  return `${title}\n${renderTable(columns(['REASON', 'SINCE', 'BY', 'NOTE'], []), rows)}`;
}

function cancellation(state: AccountState): string {
  if (!state.cancellation && !state.retentionUntil && !state.closedAt) return '';
  const fields = renderFields([
    ['requested', state.cancellation?.requestedAt],
    ['by', state.cancellation?.requestedBy],
    ['reason', state.cancellation?.reason],
    ['retention until', state.retentionUntil],
    ['closed', state.closedAt],
  ]);
  return `cancellation\n${fields}`;
}

function refunds(state: AccountState): string {
  const all = Object.values(state.refunds);
  if (all.length === 0) return 'refunds: none';
  const headers = ['REFUND', 'AMOUNT', 'STATUS (machine)', 'APPROVALS', 'REASON', 'REQUESTED BY'];
  headers.push('APPROVED BY', 'SLA DEADLINE', 'DECIDED BY', 'WHY', 'PAYOUTS');
  const rows = all.map((r) => [
    r.refundId,
    money(r.amount, state.currency),
    `${r.status} (${r.machine.value})`,
    `${r.machine.context.approvals}/${r.machine.context.approvalsRequired}`,
    r.note ? `${r.reason}: ${r.note}` : r.reason,
    r.requestedBy,
    r.approvedBy.join(','),
    r.approvalDeadline,
    r.decidedBy,
    r.decisionReason ?? r.payoutFailureReason,
    r.payoutAttempts,
  ]);
  return `refunds\n${renderTable(columns(headers, ['AMOUNT', 'PAYOUTS']), rows)}`;
}

function topUps(state: AccountState): string {
  const all = Object.values(state.topUps);
  if (all.length === 0) return 'top-ups: none';
  const headers = ['TOP-UP', 'AMOUNT', 'METHOD', 'STATUS', 'INITIATED BY', 'INITIATED'];
  headers.push('COMPLETED', 'WHY');
  const rows = all.map((t) => [
    t.topUpId,
    money(t.amount, state.currency),
    t.method,
    t.status,
    t.initiatedBy,
    t.initiatedAt,
    t.completedAt,
    t.failureReason,
  ]);
  return `top-ups\n${renderTable(columns(headers, ['AMOUNT']), rows)}`;
}
