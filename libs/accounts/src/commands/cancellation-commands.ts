/** SPEC §6: the cancellation lifecycle and its retention timer. */
export type CancellationCommandPayloads = {
  RequestCancellation: { reason: string };
  WithdrawCancellation: { note?: string };
  ConfirmCancellation: { note?: string };
  ReactivateAccount: { note?: string };
  /** Sent by the scheduler (`system`) when the retention window has passed. */
  CloseAccount: Record<never, never>;
};
