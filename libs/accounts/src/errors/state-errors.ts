import { DomainError } from './domain-error';

/** The same payment reference was already used by a top-up of this account. */
export class DuplicatePaymentReference extends DomainError<{
  paymentReference: string;
  topUpId: string;
}> {
  constructor(paymentReference: string, topUpId: string) {
    super('DUPLICATE_PAYMENT_REFERENCE', `payment reference already used by top-up ${topUpId}`, {
      paymentReference,
      topUpId,
    });
  }
}

/** Which lifecycle refused: the account's, a refund's, or a top-up's. */
export type TransitionSubject = 'lifecycle' | 'refund' | 'top_up';

/** The command is not legal in the current state; `current` says which state that is. */
export class InvalidTransition extends DomainError<{
  subject: TransitionSubject;
  id: string;
  current: string;
  attempted: string;
}> {
  constructor(subject: TransitionSubject, id: string, current: string, attempted: string) {
    super('INVALID_TRANSITION', `${attempted} is not allowed: ${subject} ${id} is ${current}`, {
      subject,
      id,
      current,
      attempted,
    });
  }
}

export class AccountFrozen extends DomainError<{ reasons: string[] }> {
  constructor(reasons: readonly string[]) {
    super('ACCOUNT_FROZEN', `the account is frozen (${reasons.join(', ')})`, {
      reasons: [...reasons],
    });
  }
}

export class FreezeReasonAlreadyActive extends DomainError<{ reason: string; active: string[] }> {
  constructor(reason: string, active: readonly string[]) {
    super('FREEZE_REASON_ALREADY_ACTIVE', `freeze reason ${reason} is already active`, {
      reason,
      active: [...active],
    });
  }
}

export class FreezeReasonNotActive extends DomainError<{ reason: string; active: string[] }> {
  constructor(reason: string, active: readonly string[]) {
    super('FREEZE_REASON_NOT_ACTIVE', `freeze reason ${reason} is not active`, {
      reason,
      active: [...active],
    });
  }
}

/** One thing that stands in the way of cancelling, listed all at once in the error. */
export type CancellationBlocker =
  | { kind: 'frozen'; reasons: string[] }
  | { kind: 'open_refunds'; refundIds: string[] }
  | { kind: 'pending_top_ups'; topUpIds: string[] };

export class CancellationBlocked extends DomainError<{ blockers: CancellationBlocker[] }> {
  constructor(blockers: CancellationBlocker[]) {
    super(
      'CANCELLATION_BLOCKED',
      `cancellation is blocked by ${blockers.map((b) => b.kind).join(', ')}`,
      {
        blockers,
      },
    );
  }
}

/** A refund payout is on its way to the current card; changing the card now would redirect it. */
export class PayoutInFlight extends DomainError<{ refundIds: string[] }> {
  constructor(refundIds: readonly string[]) {
    super('PAYOUT_IN_FLIGHT', `refund payouts in flight: ${refundIds.join(', ')}`, {
      refundIds: [...refundIds],
    });
  }
}

/**
 * SPEC §3: the final payout would go to a card that replaced another less than the hold
 * ago; confirm the cancellation once the hold ends (`until`).
 */
export class PayoutHeld extends DomainError<{ reason: 'card_changed_recently'; until: string }> {
  constructor(until: string) {
    super('PAYOUT_HELD', `the card on file changed recently; payouts to it wait until ${until}`, {
      reason: 'card_changed_recently',
      until,
    });
  }
}

/** A deadline command arrived before its due time; the engine should fire it at `dueAt`. */
export class DeadlineNotReached extends DomainError<{ deadline: string; dueAt: string }> {
  constructor(deadline: string, dueAt: string) {
    super('DEADLINE_NOT_REACHED', `${deadline} is not due until ${dueAt}`, { deadline, dueAt });
  }
}
