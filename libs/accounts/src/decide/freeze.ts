import type { CommandType } from '../commands/command';
import type { FreezeCommandPayloads, FreezeReason } from '../commands/freeze-commands';
import { FreezeReasonAlreadyActive, FreezeReasonNotActive } from '../errors/state-errors';
import type { DomainEvent } from '../events/domain-event';
import { freezeStepper } from '../machines/freeze.machine';
import { failedLoginWindow } from '../policies/failed-logins.policy';
import type { AccountState } from '../state/account-state';
import { activeFreezeReasons } from '../state/queries';
import { emit, inSequence, type Decision, type Handler, type Handlers } from './decision';
import { startPendingPayouts } from './refund-payout';
import { requireOpened, requireStatusAdmits } from './require';

/** Applies or lifts one freeze reason on behalf of the `trigger` command. */
type ReasonChange = (
  state: AccountState,
  reason: FreezeReason,
  trigger: CommandType,
  note: string | null,
  decision: Decision,
) => DomainEvent[];

/** Applies one reason; the freeze machine refuses a reason that is already active (409). */
export const applyReason: ReasonChange = (state, reason, trigger, note, decision) => {
  if (!freezeStepper.can(state.machines.freeze, { type: `APPLY.${reason}` })) {
    throw new FreezeReasonAlreadyActive(reason, activeFreezeReasons(state));
  }
  return [emit('FreezeApplied', { reason, note, trigger }, decision)];
};

/**
 * Lifts one reason, never another (SPEC §5: an admin lifting an inactive reason is a 409). When it
 * was the last one, approved refunds that waited for the unfreeze start their payout.
 */
export const liftReason: ReasonChange = (state, reason, trigger, note, decision) => {
  if (!freezeStepper.can(state.machines.freeze, { type: `LIFT.${reason}` })) {
    throw new FreezeReasonNotActive(reason, activeFreezeReasons(state));
  }
  return inSequence(
    state,
    () => [emit('FreezeLifted', { reason, note, trigger }, decision)],
    (unfrozen) => startPendingPayouts(unfrozen, decision),
  );
};

/**
 * An integration's way out (SPEC §5): identity providers and billing send password
 * resets and settlements whether or not the account holds that reason, so a signal for an
 * inactive reason is accepted and changes nothing. (An admin's Unfreeze stays a 409.)
 */
export const liftIfActive: ReasonChange = (state, reason, trigger, note, decision) =>
  freezeStepper.can(state.machines.freeze, { type: `LIFT.${reason}` })
    ? liftReason(state, reason, trigger, note, decision)
    : [];

type FreezeCommand = keyof FreezeCommandPayloads;

/** A handler that applies or lifts a reason once the account admits freeze signals. */
function signal<T extends FreezeCommand>(
  change: ReasonChange,
  reasonOf: (command: Parameters<Handler<T>>[1]) => FreezeReason,
): Handler<T> {
  return (state, command, decision) => {
    const account = requireOpened(state, command);
    requireStatusAdmits(account, 'accepts_freeze_signals', command);
    const note = 'note' in command && typeof command.note === 'string' ? command.note : null;
    return change(account, reasonOf(command), command.type, note, decision);
  };
}

/** SPEC §5: each way in and each way out, one reason at a time. */
export const freezeHandlers: Handlers<FreezeCommand> = {
  RecordFailedLogin(state, command, decision) {
    const account = requireOpened(state, command);
    requireStatusAdmits(account, 'accepts_freeze_signals', command);
    const { windowStart, failuresInWindow, reachesThreshold } = failedLoginWindow(
      account,
      decision.now,
      decision.config,
    );
    const alreadyFrozen = activeFreezeReasons(account).includes('failed_logins');
    return inSequence(
      account,
      () => [emit('FailedLoginRecorded', { windowStart, failuresInWindow }, decision)],
      (next) =>
        reachesThreshold && !alreadyFrozen
          ? applyReason(next, 'failed_logins', command.type, null, decision)
          : [],
    );
  },
  ResetPassword: signal(liftIfActive, () => 'failed_logins'),
  MarkPaymentOverdue: signal(applyReason, () => 'overdue_payment'),
  SettleOverdue: signal(liftIfActive, () => 'overdue_payment'),
  Freeze: signal(applyReason, (command) => command.reason),
  Unfreeze: signal(liftReason, (command) => command.reason),
  StartMaintenance: signal(applyReason, () => 'maintenance'),
  EndMaintenance: signal(liftIfActive, () => 'maintenance'),
};
