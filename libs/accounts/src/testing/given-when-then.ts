import type { Command } from '../commands/command';
import type { DecideContext } from '../decide/decision';
import { decide } from '../decide/decide';
import { DomainError, type DomainErrorCode } from '../errors/domain-error';
import { isDomainEvent, type DomainEvent, type EventType } from '../events/domain-event';
import { initialState, type AccountState } from '../state/account-state';
import { evolve } from '../state/evolve';
import { context } from './fixtures';

/**
 * One step of a history: an event as stored, or a command that is decided (and must
 * succeed) with the default context, or with `context` when given (e.g. another `now`).
 */
export type GivenStep =
  DomainEvent | Command | { command: Command; context: Partial<DecideContext> };

/** A command decided at `now`: for histories that span time. */
export const at = (now: string, command: Command): GivenStep => ({ command, context: { now } });

function stepEvents(state: AccountState, step: GivenStep): DomainEvent[] {
  if (isDomainEvent(step)) return [step];
  const [command, overrides] = 'command' in step ? [step.command, step.context] : [step, {}];
  // Setup steps are not what a test is about: give them the second factor they may need.
  return decide(state, command, context({ stepUpVerified: true, ...overrides }));
}

/** Folds a history into the state and the events it produced. */
export function given(steps: readonly GivenStep[] = []): {
  state: AccountState;
  events: DomainEvent[];
} {
  let state = initialState;
  const events: DomainEvent[] = [];
  for (const step of steps) {
    for (const event of stepEvents(state, step)) {
      state = evolve(state, event);
      events.push(event);
    }
  }
  return { state, events };
}

type PartialDeep<T> = T extends object ? { [K in keyof T]?: PartialDeep<T[K]> } : T;

/** Events expected by type, each with the subset of its data a test cares about. */
export type ExpectedEvent = { type: EventType; data?: Record<string, unknown> };

export type Then =
  | { events: ExpectedEvent[]; state?: PartialDeep<AccountState> }
  | { error: DomainErrorCode; details?: Record<string, unknown> };

/** A table row: given a history, when a command is decided, then events or a refusal. */
export interface Case {
  name: string;
  given?: readonly GivenStep[];
  when: Command;
  context?: Partial<DecideContext>;
  then: Then;
}

/** Runs a case's `when` and returns what happened, without asserting. */
export function when(c: Omit<Case, 'name' | 'then'>): {
  state: AccountState;
  result: DomainEvent[] | unknown;
} {
  const { state } = given(c.given);
  try {
    return { state, result: decide(state, c.when, context(c.context)) };
  } catch (error) {
    return { state, result: error };
  }
}

/** Asserts a case; for use with `it.each(cases)('$name', verify)`. */
export function verify(c: Case): void {
  const { state, result } = when(c);
  if ('error' in c.then) {
    expect(result).toBeInstanceOf(DomainError);
    const error = result as DomainError;
    expect({ code: error.code, details: error.details }).toMatchObject({
      code: c.then.error,
      details: c.then.details ?? {},
    });
    return;
  }
  if (!Array.isArray(result)) throw result;
  const events = result as DomainEvent[];
  expect(events.map((e) => e.type)).toEqual(c.then.events.map((e) => e.type));
  expect(events).toMatchObject(c.then.events);
  expect(JSON.parse(JSON.stringify(events))).toEqual(events);
  if (c.then.state) expect(events.reduce(evolve, state)).toMatchObject(c.then.state);
}
