import { setup } from 'xstate';
import { FREEZE_REASONS, type FreezeReason } from '../commands/freeze-commands';
import { stepperFor, type PersistedMachineState } from './machine-stepper';

export type FreezeMachineEvent =
  { type: `APPLY.${FreezeReason}` } | { type: `LIFT.${FreezeReason}` };

/** One region per reason; the account is frozen while any region is `active`. */
export type FreezeMachineValue = Record<FreezeReason, 'inactive' | 'active'>;
export type FreezeMachineState = PersistedMachineState<FreezeMachineValue, Record<string, never>>;

// A region per reason keeps reasons independent: lifting one never touches another.
function reasonRegion(reason: FreezeReason) {
  return {
    initial: 'inactive' as const,
    states: {
      inactive: { on: { [`APPLY.${reason}`]: 'active' } },
      active: { tags: ['frozen'], on: { [`LIFT.${reason}`]: 'inactive' } },
    },
  };
}

/** SPEC §5: any number of reasons at once, each applied and lifted on its own. */
export const freezeMachine = setup({
  types: {} as { events: FreezeMachineEvent },
}).createMachine({
  id: 'freeze',
  type: 'parallel',
  states: Object.fromEntries(FREEZE_REASONS.map((reason) => [reason, reasonRegion(reason)])),
});

export const freezeStepper = stepperFor<FreezeMachineState, FreezeMachineEvent, undefined>(
  freezeMachine,
);

export function activeReasonsOf(state: FreezeMachineState): FreezeReason[] {
  return FREEZE_REASONS.filter((reason) => state.value[reason] === 'active');
}
