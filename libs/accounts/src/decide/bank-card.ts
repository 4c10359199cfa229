import { cardBrand } from '../cards/pan';
import type { CommandOf } from '../commands/command';
import { ValidationFailed } from '../errors/request-errors';
import { AccountFrozen, PayoutInFlight } from '../errors/state-errors';
import { activeFreezeReasons, payoutsInFlight } from '../state/queries';
import type { AccountState } from '../state/account-state';
import { emit, inSequence, type Decision, type Handler } from './decision';
import { liftReason } from './freeze';
import { startPendingPayouts } from './refund-payout';
import { requireOpened, requireStatusAdmits } from './require';

const FINGERPRINT = /^[A-Za-z0-9_.:+/=-]{16,256}$/;

/** The injected HMAC must return an opaque token, and certainly not the PAN itself. */
function fingerprintOf(pan: string, decision: Decision): string {
  const fingerprint: unknown = decision.fingerprintCard(pan);
  if (
    typeof fingerprint !== 'string' ||
    !FINGERPRINT.test(fingerprint) ||
    fingerprint.includes(pan)
  ) {
    throw new ValidationFailed(
      'context.fingerprintCard',
      'must return an opaque keyed fingerprint',
    );
  }
  return fingerprint;
}

/**
 * SPEC §3: allowed while frozen only for overdue payment (new payment details are the way
 * out, so the change lifts that reason); refused while a payout is on its way to the
 * current card.
 */
export const changeBankCard: Handler<'ChangeBankCard'> = (
  state: AccountState,
  command: CommandOf<'ChangeBankCard'>,
  decision,
) => {
  const account = requireOpened(state, command);
  requireStatusAdmits(account, 'accepts_card_changes', command);
  const reasons = activeFreezeReasons(account);
  if (reasons.some((reason) => reason !== 'overdue_payment')) throw new AccountFrozen(reasons);
  const inFlight = payoutsInFlight(account).map((r) => r.refundId);
  if (inFlight.length > 0) throw new PayoutInFlight(inFlight);
  const pan = command.cardNumber;
  const fingerprint = fingerprintOf(pan, decision);
  // SPEC §3 dual control: decide's authorizeStepUp has refused any change without a
  // verified second factor, whoever sent it (step-up.policy.ts).
  const data = {
    last4: pan.slice(-4),
    brand: cardBrand(pan),
    fingerprint,
    holderName: command.holderName,
    bankName: command.bankName,
    previousFingerprint: account.bankCard?.fingerprint ?? null,
    stepUpVerified: decision.stepUpVerified,
  };
  return inSequence(
    account,
    () => [emit('BankCardChanged', data, decision)],
    (next) =>
      reasons.includes('overdue_payment')
        ? liftReason(next, 'overdue_payment', command.type, null, decision)
        : [],
    // Approved refunds still waiting now wait for the new card's hold (SPEC §3).
    (next) => startPendingPayouts(next, decision),
  );
};
