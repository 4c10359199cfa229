import { openOrNull, type SealedTextOpener } from '../shared/sealed-text';
import type { AccountInRetention, AccountView, FrozenAccount } from './account.queries';
import type { RefundView } from './refund.queries';
import type { TopUpView } from './top-up.queries';

/**
 * The ops views with their free text in clear (or `[erased]` after closure). Each column
 * names the event field it was copied from, which is where the engine sealed it: the
 * opener checks the ciphertext against that place.
 */
export const openOpsText = {
  async refund<T extends RefundView>(view: T, opener: SealedTextOpener): Promise<T> {
    const id = view.accountId;
    // Only a rejection or a cancellation leaves a person's decision reason (an expiry's is a code).
    const decidedBy =
      view.status === 'rejected'
        ? 'RefundRejected'
        : view.status === 'cancelled'
          ? 'RefundCancelled'
          : undefined;
    const [note, decisionReason, payoutFailureReason] = await Promise.all([
      openOrNull(opener, id, 'RefundRequested', 'note', view.note),
      decidedBy
        ? openOrNull(opener, id, decidedBy, 'reason', view.decisionReason)
        : view.decisionReason,
      openOrNull(opener, id, 'RefundPayoutFailed', 'reason', view.payoutFailureReason),
    ]);
    return { ...view, note, decisionReason, payoutFailureReason };
  },

  async account<T extends AccountView | AccountInRetention>(
    view: T,
    opener: SealedTextOpener,
  ): Promise<T> {
    const cancellationReason = await openOrNull(
      opener,
      view.accountId,
      'CancellationRequested',
      'reason',
      view.cancellationReason,
    );
    return { ...view, cancellationReason };
  },

  async frozen(view: FrozenAccount, opener: SealedTextOpener): Promise<FrozenAccount> {
    const reasons = await Promise.all(
      view.reasons.map(async (r) => ({
        ...r,
        note: await openOrNull(opener, view.accountId, 'FreezeApplied', 'note', r.note),
      })),
    );
    return { ...view, reasons };
  },

  async topUp<T extends TopUpView>(view: T, opener: SealedTextOpener): Promise<T> {
    const failureReason = await openOrNull(
      opener,
      view.accountId,
      'TopUpFailed',
      'reason',
      view.failureReason,
    );
    return { ...view, failureReason };
  },
};
