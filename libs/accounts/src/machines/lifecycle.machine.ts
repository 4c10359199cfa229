import { setup } from 'xstate';
import { stepperFor, statesTagged, type PersistedMachineState } from './machine-stepper';

/**
 * SPEC §6 statuses, plus `unopened` for a stream without events so that opening is a
 * transition like any other.
 */
export const ACCOUNT_STATUSES = [
  'unopened',
  'active',
  'cancellation_requested',
  'cancelled',
  'closed',
] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

export type LifecycleMachineEvent =
  | { type: 'OPEN' }
  | { type: 'REQUEST_CANCELLATION' }
  | { type: 'WITHDRAW_CANCELLATION' }
  | { type: 'CONFIRM_CANCELLATION' }
  | { type: 'REACTIVATE' }
  | { type: 'CLOSE' };

export type LifecycleMachineState = PersistedMachineState<AccountStatus, Record<string, never>>;

/**
 * The account's lifecycle. Tags say which other operations a status admits, so the
 * aggregate asks the machine rather than repeating status lists:
 * `accepts_new_business` (top-ups, refund requests), `accepts_card_changes`,
 * `accepts_freeze_signals`.
 */
export const lifecycleMachine = setup({
  types: {} as { events: LifecycleMachineEvent },
}).createMachine({
  id: 'lifecycle',
  initial: 'unopened',
  states: {
    unopened: { on: { OPEN: 'active' } },
    active: {
      tags: ['accepts_new_business', 'accepts_card_changes', 'accepts_freeze_signals'],
      on: { REQUEST_CANCELLATION: 'cancellation_requested' },
    },
    cancellation_requested: {
      tags: ['accepts_card_changes', 'accepts_freeze_signals'],
      on: { WITHDRAW_CANCELLATION: 'active', CONFIRM_CANCELLATION: 'cancelled' },
    },
    cancelled: {
      tags: ['accepts_freeze_signals'],
      on: { REACTIVATE: 'active', CLOSE: 'closed' },
    },
    closed: { type: 'final' },
  },
});

export const lifecycleStepper = stepperFor<LifecycleMachineState, LifecycleMachineEvent, undefined>(
  lifecycleMachine,
);

export type LifecycleTag =
  'accepts_new_business' | 'accepts_card_changes' | 'accepts_freeze_signals';

const TAGGED: Readonly<Record<LifecycleTag, ReadonlySet<string>>> = {
  accepts_new_business: statesTagged(lifecycleMachine, 'accepts_new_business'),
  accepts_card_changes: statesTagged(lifecycleMachine, 'accepts_card_changes'),
  accepts_freeze_signals: statesTagged(lifecycleMachine, 'accepts_freeze_signals'),
};

export function statusAdmits(status: AccountStatus, tag: LifecycleTag): boolean {
  return TAGGED[tag].has(status);
}
