/** Words for the domain's enums, as ops staff say them. */

export const REFUND_REASONS: Readonly<Record<string, string>> = {
  service_unsatisfactory: 'Service unsatisfactory',
  technical_issue: 'Technical issue',
  business_change: 'Business change',
  price_change: 'Price change',
  duplicate_charge: 'Duplicate charge',
  other: 'Other (note required)',
};

export const FREEZE_REASONS: Readonly<Record<string, string>> = {
  failed_logins: 'Failed logins',
  overdue_payment: 'Overdue payment',
  compliance: 'Compliance',
  maintenance: 'Maintenance',
  manual: 'Manual',
};

/** How each freeze reason is lifted (SPEC §5, ways out): each lifts only its own reason. */
export const FREEZE_WAY_OUT: Readonly<Record<string, string>> = {
  failed_logins: 'Lifted by a password reset (identity provider).',
  overdue_payment: 'Lifted when the overdue payment is settled, or by a bank-card change.',
  compliance: 'Lifted by compliance staff (Unfreeze, compliance role).',
  maintenance: 'Lifted when the maintenance window ends (admin or system).',
  manual: 'Lifted by an admin (Unfreeze).',
};

export const ACCOUNT_STATUSES: Readonly<Record<string, string>> = {
  active: 'Active',
  cancellation_requested: 'Cancellation requested',
  cancelled: 'Cancelled (retention window)',
  closed: 'Closed',
  unopened: 'Not opened',
};

/** A status enum as words: `payout_pending` → `payout pending`. */
export function words(value: string): string {
  return value.replace(/_/g, ' ');
}

/** Refund statuses in which the approval SLA runs. */
export const AWAITING_APPROVAL = ['requested', 'partially_approved'];
