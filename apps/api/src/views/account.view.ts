import type { AccountState, Balance } from '@account-ops/accounts';
import { refundView, topUpView, type RefundView, type TopUpView } from './entity.views';

/**
 * SPEC account shape plus lists of refunds and top-ups. No personal data (owner, card
 * holder): write responses are rendered from it, and they must stay byte-identical when
 * replayed, also after the account's personal data has been crypto-shredded.
 */
export interface AccountView {
  readonly accountId: string;
  readonly currency: string;
  readonly status: string;
  readonly frozen: boolean;
  readonly freezeReasons: readonly string[];
  readonly freezes: ReadonlyArray<{
    reason: string;
    since: string;
    by: string;
    note: string | null;
  }>;
  readonly balance: Balance;
  readonly bankCard: { last4: string; brand: string; bankName: string; changedAt: string } | null;
  readonly plan: { pricePerCycle: number; cycleDays: number; cycleStart: string } | null;
  readonly openedAt: string | null;
  readonly cancellation: { requestedAt: string; requestedBy: string; reason: string } | null;
  readonly retentionUntil: string | null;
  readonly closedAt: string | null;
  readonly topUps: readonly TopUpView[];
  readonly refunds: readonly RefundView[];
  /** The account's own top-up limits (SetTopUpLimits); `null`: the configured default applies. */
  readonly topUpLimits: { readonly singleMax: number | null; readonly dailyMax: number | null };
  readonly version: number;
}

/** The account for reads: AccountView plus the owner (null once erased at closure). */
export interface AccountDetailsView extends AccountView {
  readonly owner: { name: string; email: string } | null;
}

export function accountView(accountId: string, state: AccountState, version: number): AccountView {
  const card = state.bankCard;
  const plan = state.plan;
  const cancellation = state.cancellation;
  return {
    accountId,
    currency: state.currency ?? '',
    status: state.status,
    frozen: state.frozen,
    freezeReasons: state.freezeReasons.map((f) => f.reason),
    freezes: state.freezeReasons.map((f) => ({
      reason: f.reason,
      since: f.since,
      by: f.by,
      note: f.note,
    })),
    balance: {
      available: state.balance.available,
      held: state.balance.held,
      pendingIn: state.balance.pendingIn,
    },
    bankCard: card
      ? { last4: card.last4, brand: card.brand, bankName: card.bankName, changedAt: card.changedAt }
      : null,
    plan: plan
      ? {
          pricePerCycle: plan.pricePerCycle,
          cycleDays: plan.cycleDays,
          cycleStart: plan.cycleStart,
        }
      : null,
    openedAt: state.openedAt,
    cancellation: cancellation
      ? {
          requestedAt: cancellation.requestedAt,
          requestedBy: cancellation.requestedBy,
          reason: cancellation.reason,
        }
      : null,
    retentionUntil: state.retentionUntil,
    closedAt: state.closedAt,
    topUps: Object.values(state.topUps).map(topUpView),
    refunds: Object.values(state.refunds).map(refundView),
    topUpLimits: {
      singleMax: state.topUpLimits?.singleMax ?? null,
      dailyMax: state.topUpLimits?.dailyMax ?? null,
    },
    version,
  };
}

export function accountDetailsView(
  accountId: string,
  state: AccountState,
  version: number,
): AccountDetailsView {
  const owner = state.owner ? { name: state.owner.name, email: state.owner.email } : null;
  return { ...accountView(accountId, state, version), owner };
}
