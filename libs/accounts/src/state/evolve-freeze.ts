import type { FreezeReason } from '../commands/freeze-commands';
import type { FreezeEventPayloads } from '../events/freeze-events';
import {
  activeReasonsOf,
  freezeStepper,
  type FreezeMachineEvent,
} from '../machines/freeze.machine';
import type { AccountState, FreezeReasonState } from './account-state';
import type { Evolvers } from './evolver';

function stepFreeze(
  state: AccountState,
  reason: FreezeReason,
  event: FreezeMachineEvent,
  reasons: FreezeReasonState[],
): AccountState {
  const freeze = freezeStepper.next(state.machines.freeze, event);
  if (!freeze) return state;
  return {
    ...state,
    frozen: activeReasonsOf(freeze).length > 0,
    freezeReasons: reasons,
    // A freeze for failed logins, or its lifting, starts the count afresh.
    failedLogins: reason === 'failed_logins' ? [] : state.failedLogins,
    machines: { ...state.machines, freeze },
  };
}

export const freezeEvolvers: Evolvers<keyof FreezeEventPayloads> = {
  FailedLoginRecorded: (state, data) => ({
    ...state,
    failedLogins: [...state.failedLogins.filter((at) => at >= data.windowStart), data.at],
  }),
  FreezeApplied: (state, data) =>
    stepFreeze(state, data.reason, { type: `APPLY.${data.reason}` }, [
      ...state.freezeReasons,
      { reason: data.reason, since: data.at, by: data.by, note: data.note },
    ]),
  FreezeLifted: (state, data) =>
    stepFreeze(
      state,
      data.reason,
      { type: `LIFT.${data.reason}` },
      state.freezeReasons.filter((r) => r.reason !== data.reason),
    ),
};
