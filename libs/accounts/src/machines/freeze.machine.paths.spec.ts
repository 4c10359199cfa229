import { getShortestPaths, getSimplePaths } from 'xstate/graph';
import { accountConfig } from '../config/account-config';
import { FREEZE_REASONS, type FreezeReason } from '../commands/freeze-commands';
import { AggregateDriver } from '../testing/aggregate-driver';
import { open } from '../testing/fixtures';
import { FREEZE_SIGNALS } from '../testing/freeze-signals';
import {
  describePath,
  replayAgainstMachine,
  transitionPaths,
  type MachinePath,
  type PathDriver,
} from '../testing/machine-paths';
import { freezeMachine, type FreezeMachineEvent } from './freeze.machine';

// The machine's own event list, narrowed to the reasons a test explores.
const eventsFor = (reasons: readonly FreezeReason[]): FreezeMachineEvent[] =>
  freezeMachine.events
    .filter((type) => reasons.some((reason) => type.endsWith(`.${reason}`)))
    .map((type) => ({ type }) as FreezeMachineEvent);

const driverFor = (reasons: readonly FreezeReason[]): PathDriver<FreezeMachineEvent> => ({
  events: eventsFor(reasons),
  // One failure locks the account out, so APPLY.failed_logins is a single command.
  start: () => new AggregateDriver([open()], accountConfig({ failedLoginThreshold: 1 })),
  commandFor(event) {
    const [action, reason] = event.type.split('.') as ['APPLY' | 'LIFT', FreezeReason];
    return action === 'APPLY' ? FREEZE_SIGNALS[reason].apply : FREEZE_SIGNALS[reason].lift;
  },
  observe: (d) => ({ value: d.state.machines.freeze.value }),
  // `frozen` and the reason list are derived beside the machine; both must follow it.
  check(d, machine) {
    const value = machine.value as Record<FreezeReason, string>;
    expect({ frozen: d.state.frozen, reasons: d.state.freezeReasons.map((r) => r.reason) }).toEqual(
      {
        frozen: machine.hasTag('frozen'),
        reasons: expect.arrayContaining(FREEZE_REASONS.filter((r) => value[r] === 'active')),
      },
    );
    expect(d.state.freezeReasons).toHaveLength(
      FREEZE_REASONS.filter((r) => value[r] === 'active').length,
    );
  },
});

const replay = (path: MachinePath<FreezeMachineEvent>, reasons: readonly FreezeReason[]) =>
  replayAgainstMachine(path, driverFor(reasons));

describe('freeze machine: paths agree with decide/evolve', () => {
  // Simple paths over all five reasons run into the millions; three reasons keep every one.
  const three = ['failed_logins', 'overdue_payment', 'compliance'] as const;
  const simple = getSimplePaths(freezeMachine, { events: eventsFor(three) });
  it.each(simple.map((p) => [describePath(p), p] as const))('simple path %s', (_, path) => {
    replay(path as unknown as MachinePath<FreezeMachineEvent>, three);
  });

  const shortest = getShortestPaths(freezeMachine, { events: eventsFor(FREEZE_REASONS) });
  it('reaches all 32 combinations of the five reasons', () => expect(shortest).toHaveLength(32));
  it.each(shortest.map((p) => [describePath(p), p] as const))('shortest path %s', (_, path) => {
    replay(path as unknown as MachinePath<FreezeMachineEvent>, FREEZE_REASONS);
  });

  const transitions = transitionPaths(freezeMachine, {
    events: eventsFor(['manual', 'maintenance']),
  });
  it.each(transitions.map((p) => [describePath(p), p] as const))(
    'transition path %s',
    (_, path) => {
      replay(path, ['manual', 'maintenance']);
    },
  );
});
