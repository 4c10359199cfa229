import type { JsonValue } from '@account-ops/event-store';
import { auditFields } from '@account-ops/projections';

type Data = Readonly<Record<string, JsonValue>>;

/**
 * Facts worth a column besides amount, reason, note and card, per event type. An
 * allow-list, like the audit read model's: personal fields (owner, card holder) and the
 * card fingerprint never reach the table, whatever an event carries.
 */
const EXTRA_FIELDS: Readonly<Record<string, readonly string[]>> = {
  AccountOpened: ['currency'],
  BankCardChanged: ['brand', 'bankName'],
  TopUpInitiated: ['method', 'paymentReference'],
  RefundRequested: ['approvalsRequired', 'approvalDeadline'],
  RefundApproved: ['approval', 'approvalsRequired', 'final'],
  RefundCancelled: ['stage'],
  RefundPayoutRetried: ['attempt'],
  RefundPaidOut: ['payoutReference'],
  FailedLoginRecorded: ['failuresInWindow'],
  FreezeApplied: ['trigger'],
  FreezeLifted: ['trigger'],
  FinalStatementIssued: ['amountDue', 'unusedDays'],
  CancellationConfirmed: ['retentionUntil'],
  AccountClosed: ['retentionUntil', 'personalDataErased'],
};

const SHORT_NAMES: Readonly<Record<string, string>> = {
  approvalsRequired: 'needs',
  approvalDeadline: 'deadline',
  paymentReference: 'ref',
  failuresInWindow: 'failures',
  retentionUntil: 'until',
  personalDataErased: 'erased',
  payoutReference: 'payout',
};

const asData = (data: JsonValue): Data =>
  typeof data === 'object' && data !== null && !Array.isArray(data) ? data : {};

const scalar = (value: JsonValue | undefined): string | undefined =>
  value === null || value === undefined || typeof value === 'object' ? undefined : String(value);

/**
 * Personal data (a note, someone's reason, the bank name as typed) is stored sealed with
 * the account's data key: the table says so instead of printing the ciphertext
 * (`replay` shows it in clear while the account lives, `export` in its records).
 */
const shown = (value: string): string => (value.startsWith('enc:v1:') ? '[sealed]' : value);

/**
 * One line of an event's key facts for the `events` table, e.g.
 * `refund r1 · 4000 CNY · reason=duplicate_charge · needs=1`. Amounts are minor units.
 */
export function keyData(type: string, stored: JsonValue): string {
  const data = asData(stored);
  const facts = auditFields(type, stored);
  const parts: string[] = [];
  const subject = scalar(data['refundId'])
    ? `refund ${scalar(data['refundId'])}`
    : scalar(data['topUpId']) && `top-up ${scalar(data['topUpId'])}`;
  if (subject) parts.push(subject);
  if (facts.amount !== null)
    parts.push(`${facts.amount}${facts.currency ? ` ${facts.currency}` : ''}`);
  if (facts.reason !== null) parts.push(`reason=${shown(facts.reason)}`);
  if (facts.cardLast4 !== null) parts.push(`card ••${facts.cardLast4}`);
  for (const field of EXTRA_FIELDS[type] ?? []) {
    const value = scalar(data[field]);
    if (value !== undefined) parts.push(`${SHORT_NAMES[field] ?? field}=${shown(value)}`);
  }
  if (facts.note !== null)
    parts.push(
      `note=${facts.note.startsWith('enc:v1:') ? '[sealed]' : JSON.stringify(facts.note)}`,
    );
  return parts.join(' · ');
}

/** `ap-1 (approver)`: who acted, with the roles they acted in. */
export function actorLabel(actor: {
  readonly id: string;
  readonly roles: readonly string[];
}): string {
  return actor.roles.length > 0 ? `${actor.id} (${actor.roles.join(',')})` : actor.id;
}
