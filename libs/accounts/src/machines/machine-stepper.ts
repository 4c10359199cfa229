import { initialTransition, transition, type AnyStateMachine, type AnyStateNode } from 'xstate';

/**
 * What the account state keeps of a machine: its value and context, both JSON-safe, so the
 * engine can snapshot the account with `JSON.stringify` and replay rebuilds the same thing.
 */
export type PersistedMachineState<V, C> = { value: V; context: C };

/**
 * A machine used purely as a transition function: no actor is started, nothing runs
 * besides `assign`, and every call restores the snapshot from its persisted form.
 */
export interface MachineStepper<S, E extends { type: string }, I> {
  start(input: I): S;
  can(state: S, event: E): boolean;
  /** The next persisted state, or null when the machine does not accept `event` now. */
  next(state: S, event: E): S | null;
}

export function stepperFor<S, E extends { type: string }, I>(
  machine: AnyStateMachine,
): MachineStepper<S, E, I> {
  const restore = (state: S) =>
    machine.resolveState(state as Parameters<AnyStateMachine['resolveState']>[0]);
  // A JSON round trip cuts every reference into xstate's internals and proves JSON safety.
  const persist = (snapshot: { value: unknown; context: unknown }): S =>
    JSON.parse(JSON.stringify({ value: snapshot.value, context: snapshot.context ?? {} })) as S;
  // Restoring a snapshot costs tens of microseconds, and replay asks the same few
  // questions (state, event) over and over; the machines are pure, so answers are kept.
  const answers = new BoundedMemo(4096);
  return {
    start: (input) => persist(initialTransition(machine, input)[0]),
    can: (state, event) =>
      answers.get(`can${JSON.stringify([state, event])}`, () =>
        String(restore(state).can(event)),
      ) === 'true',
    next(state, event) {
      const answer = answers.get(`next${JSON.stringify([state, event])}`, () => {
        const snapshot = restore(state);
        return snapshot.can(event)
          ? JSON.stringify(persist(transition(machine, snapshot, event)[0]))
          : 'null';
      });
      // Parsed afresh each time: callers get their own object, never a shared one.
      return JSON.parse(answer) as S | null;
    },
  };
}

/** A string → string memo that forgets its oldest answers beyond `capacity`. */
class BoundedMemo {
  private readonly answers = new Map<string, string>();

  constructor(private readonly capacity: number) {}

  get(key: string, compute: () => string): string {
    let answer = this.answers.get(key);
    if (answer === undefined) {
      answer = compute();
      this.answers.set(key, answer);
      if (this.answers.size > this.capacity) {
        this.answers.delete(this.answers.keys().next().value as string);
      }
    }
    return answer;
  }
}

/** The keys of the atomic states that carry `tag`, read from the machine definition. */
export function statesTagged(machine: AnyStateMachine, tag: string): ReadonlySet<string> {
  const found = new Set<string>();
  const visit = (node: AnyStateNode): void => {
    if (node.tags.includes(tag)) found.add(node.key);
    Object.values(node.states).forEach(visit);
  };
  visit(machine.root);
  return found;
}
