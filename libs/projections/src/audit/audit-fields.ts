import type { JsonValue } from '@account-ops/event-store';

/** The facts of an event an audit row shows besides its envelope. */
export interface AuditFields {
  /** The top-up or refund the event is about. */
  readonly subjectId: string | null;
  readonly amount: number | null;
  readonly currency: string | null;
  readonly reason: string | null;
  readonly note: string | null;
  /** The card's last four digits: the only card detail an audit row keeps. */
  readonly cardLast4: string | null;
}

type Data = Readonly<Record<string, JsonValue>>;

const str = (data: Data, key: string): string | null =>
  typeof data[key] === 'string' ? data[key] : null;
const num = (data: Data, key: string): number | null =>
  Number.isSafeInteger(data[key]) ? (data[key] as number) : null;

/**
 * Where an event type keeps a fact under another name. `amount` is how far the event moves
 * a balance, so summing it per type reconciles with the balance read model: for the final
 * statement that is the prorated credit (its `amountDue` is the `amount` of the
 * FinalPayoutIssued that follows). An expiry has no human reason; it gets the one evolve
 * records as the refund's decision reason.
 */
const OVERRIDES: Readonly<Record<string, (data: Data) => Partial<AuditFields>>> = {
  FinalStatementIssued: (data) => ({ amount: num(data, 'proratedCredit') }),
  RefundExpired: () => ({ reason: 'approval_sla_expired' }),
};

/**
 * Picks audit facts from an event's data by an allow-list of field names, so personal
 * data (owner name and email, card holder) and card details other than `last4` can never
 * reach the audit table, whatever an event type carries now or later.
 */
export function auditFields(type: string, data: JsonValue): AuditFields {
  const d: Data = typeof data === 'object' && data !== null && !Array.isArray(data) ? data : {};
  const fields: AuditFields = {
    subjectId: str(d, 'refundId') ?? str(d, 'topUpId'),
    amount: num(d, 'amount'),
    currency: str(d, 'currency'),
    reason: str(d, 'reason'),
    note: str(d, 'note'),
    cardLast4: str(d, 'last4') ?? str(d, 'cardLast4'),
  };
  const override = Object.hasOwn(OVERRIDES, type) ? OVERRIDES[type] : undefined;
  return override ? { ...fields, ...override(d) } : fields;
}
