import { getSimplePaths } from 'xstate/graph';
import { AggregateDriver } from '../testing/aggregate-driver';
import { card, command, open } from '../testing/fixtures';
import {
  describePath,
  replayAgainstMachine,
  transitionPaths,
  type MachinePath,
  type PathDriver,
} from '../testing/machine-paths';
import { lifecycleMachine, statusAdmits, type LifecycleMachineEvent } from './lifecycle.machine';

const EVENTS = lifecycleMachine.events.map((type) => ({ type }) as LifecycleMachineEvent);

const driver: PathDriver<LifecycleMachineEvent> = {
  events: EVENTS,
  start: () => new AggregateDriver(),
  commandFor(event, d) {
    switch (event.type) {
      case 'OPEN':
        return open({ plan: { pricePerCycle: 3_000, cycleDays: 30, cycleStart: '2025-03-01' } });
      case 'REQUEST_CANCELLATION':
        return command('RequestCancellation', { reason: 'no longer needed' });
      case 'WITHDRAW_CANCELLATION':
        return command('WithdrawCancellation', {});
      case 'CONFIRM_CANCELLATION':
        return command('ConfirmCancellation', {});
      case 'REACTIVATE':
        return command('ReactivateAccount', {});
      case 'CLOSE':
        if (d.state.retentionUntil) d.jumpTo(d.state.retentionUntil);
        return command('CloseAccount', {});
    }
  },
  observe: (d) => ({ value: d.state.status }),
};

// The card is changed right after opening so every later confirmation can pay out.
const withCard: PathDriver<LifecycleMachineEvent> = {
  ...driver,
  prepare: (event, d) =>
    event.type === 'REQUEST_CANCELLATION' && !d.state.bankCard ? [card()] : [],
};

describe('lifecycle machine: every simple path agrees with decide/evolve', () => {
  const paths = getSimplePaths(lifecycleMachine, { events: EVENTS });

  it('reaches every status', () => {
    expect(new Set(paths.map((p) => p.state.value))).toEqual(
      new Set(['unopened', 'active', 'cancellation_requested', 'cancelled', 'closed']),
    );
  });

  it.each(paths.map((p) => [describePath(p), p] as const))('simple path %s', (_, path) => {
    replayAgainstMachine(path as unknown as MachinePath<LifecycleMachineEvent>, withCard);
  });

  const transitions = transitionPaths(lifecycleMachine, { events: EVENTS });
  it.each(transitions.map((p) => [describePath(p), p] as const))(
    'transition path %s',
    (_, path) => {
      replayAgainstMachine(path, withCard);
    },
  );

  it('tags say which operations each status admits', () => {
    expect(statusAdmits('active', 'accepts_new_business')).toBe(true);
    expect(statusAdmits('cancellation_requested', 'accepts_new_business')).toBe(false);
    expect(statusAdmits('cancellation_requested', 'accepts_card_changes')).toBe(true);
    expect(statusAdmits('cancelled', 'accepts_card_changes')).toBe(false);
    expect(statusAdmits('cancelled', 'accepts_freeze_signals')).toBe(true);
    expect(statusAdmits('closed', 'accepts_freeze_signals')).toBe(false);
    expect(statusAdmits('unopened', 'accepts_freeze_signals')).toBe(false);
  });
});
