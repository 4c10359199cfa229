/** SPEC §5: any number of these can be active at once; the account is frozen while one is. */
export const FREEZE_REASONS = [
  'failed_logins',
  'overdue_payment',
  'compliance',
  'maintenance',
  'manual',
] as const;
export type FreezeReason = (typeof FREEZE_REASONS)[number];

/** The reasons an operator applies with `Freeze`; the others arrive as their own signals. */
export const MANUAL_FREEZE_REASONS = ['manual', 'compliance'] as const;
export type ManualFreezeReason = (typeof MANUAL_FREEZE_REASONS)[number];

/** SPEC §5: integration signals, manual freezes and maintenance windows. */
export type FreezeCommandPayloads = {
  RecordFailedLogin: Record<never, never>;
  ResetPassword: Record<never, never>;
  MarkPaymentOverdue: { note?: string };
  SettleOverdue: { note?: string };
  Freeze: { reason: ManualFreezeReason; note: string };
  /** Lifts any one reason (an admin override); `compliance` needs the compliance role. */
  Unfreeze: { reason: FreezeReason; note: string };
  StartMaintenance: { note?: string };
  EndMaintenance: { note?: string };
};
