import { transition, type AnyStateMachine, type EventObject } from 'xstate';
import { getShortestPaths, type StatePath } from 'xstate/graph';
import type { Command } from '../commands/command';
import { DomainError } from '../errors/domain-error';
import type { AggregateDriver } from './aggregate-driver';

type Snapshot = {
  value: unknown;
  context: unknown;
  can(event: EventObject): boolean;
  hasTag(tag: string): boolean;
};
export type MachinePath<E extends EventObject> = StatePath<
  Snapshot & ReturnType<AnyStateMachine['transition']>,
  E
>;

/** How a machine's events are played through the aggregate. */
export interface PathDriver<E extends EventObject> {
  readonly events: readonly E[];
  start(): AggregateDriver;
  /** Commands to send before the one that should take the transition (e.g. freeze first). */
  prepare?(event: E, driver: AggregateDriver): Command[];
  /** The command that should take the machine transition `event`. */
  commandFor(event: E, driver: AggregateDriver): Command;
  /** The machine's view of the aggregate: what is compared with the machine's snapshot. */
  observe(driver: AggregateDriver): { value: unknown; context?: unknown };
  /** Further agreement to assert after each step (e.g. derived flags that follow tags). */
  check?(driver: AggregateDriver, machine: Snapshot): void;
}

/**
 * One path per machine transition: the shortest path to its source state, then the
 * transition. Simple paths never revisit a state, so a cycle's closing edge (such as a
 * payout retry) is only exercised here.
 */
export function transitionPaths<E extends EventObject>(
  machine: AnyStateMachine,
  options: { events: readonly E[]; input?: unknown },
): MachinePath<E>[] {
  const toEachState = getShortestPaths(machine, options as never) as unknown as MachinePath<E>[];
  return toEachState.flatMap((path) =>
    options.events
      .filter((event) => path.state.can(event))
      .map((event) => {
        const [state] = transition(machine, path.state as never, event) as unknown as [
          MachinePath<E>['state'],
        ];
        return { state, steps: [...path.steps, { event, state }], weight: path.weight + 1 };
      }),
  );
}

export const describePath = (path: { steps: { event: EventObject }[] }): string =>
  path.steps
    .slice(1)
    .map((s) => s.event.type)
    .join(' → ') || '(initial)';

/**
 * Replays a path from `xstate/graph` through decide/evolve and checks, after every step,
 * that the aggregate is where the machine is; then that every event the machine refuses
 * in the final state is refused by the aggregate too (an error, or no change).
 */
export function replayAgainstMachine<E extends EventObject>(
  path: MachinePath<E>,
  driver: PathDriver<E>,
): void {
  const aggregate = driver.start();
  for (const step of path.steps.slice(1)) {
    driver.prepare?.(step.event, aggregate).forEach((c) => aggregate.send(c));
    aggregate.send(driver.commandFor(step.event, aggregate));
    expect(driver.observe(aggregate)).toEqual(expected(step.state, driver.observe(aggregate)));
    driver.check?.(aggregate, step.state);
  }
  for (const event of driver.events.filter((e) => !path.state.can(e))) {
    const before = driver.observe(aggregate);
    const result = aggregate.attempt(driver.commandFor(event, aggregate));
    const refused = result instanceof DomainError || Array.isArray(result);
    expect({ event: event.type, refused, after: driver.observe(aggregate) }).toEqual({
      event: event.type,
      refused: true,
      after: before,
    });
  }
}

function expected(state: Snapshot, observed: { context?: unknown }) {
  return 'context' in observed
    ? { value: state.value, context: state.context }
    : { value: state.value };
}
