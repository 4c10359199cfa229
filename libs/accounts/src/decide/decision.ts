import type { Actor } from '../actors/roles';
import type { CommandOf, CommandType } from '../commands/command';
import type { AccountConfig } from '../config/account-config';
import { ValidationFailed } from '../errors/request-errors';
import type {
  DomainEvent,
  EventOf,
  EventPayloads,
  EventStamp,
  EventType,
} from '../events/domain-event';
import type { AccountState } from '../state/account-state';
import { evolve } from '../state/evolve';
import { canonicalInstant } from '../time/instant';

/**
 * What `decide` needs besides state and command. The engine verifies the second factor
 * (TOTP) before calling and injects the keyed card fingerprint (HMAC-SHA256 with a server
 * secret), so the domain reads no clock, secret or network.
 */
export interface DecideContext {
  /** The decision's instant, ISO-8601 UTC; stamped on every event as `at`. */
  readonly now: string;
  readonly config: AccountConfig;
  /** Whether the actor passed a second-factor check for this command. */
  readonly stepUpVerified: boolean;
  fingerprintCard(pan: string): string;
}

/** The context of one decision, checked, with the stamp every event will carry. */
export interface Decision {
  readonly now: string;
  readonly config: AccountConfig;
  readonly stepUpVerified: boolean;
  readonly stamp: EventStamp;
  fingerprintCard(pan: string): string;
}

export function decisionFor(context: DecideContext, actor: Actor): Decision {
  const now = canonicalInstant(context?.now);
  if (now === null) throw new ValidationFailed('context.now', 'must be an ISO-8601 UTC instant');
  return {
    now,
    config: context.config,
    stepUpVerified: context.stepUpVerified === true,
    stamp: { at: now, by: actor.id },
    fingerprintCard: (pan) => context.fingerprintCard(pan),
  };
}

/** An event of `type` stamped with who and when. */
export function emit<T extends EventType>(
  type: T,
  data: EventPayloads[T],
  decision: Decision,
): EventOf<T> {
  return { type, data: { ...data, ...decision.stamp } } as EventOf<T>;
}

/**
 * Runs decision steps in order, each seeing the state the previous steps' events produce,
 * so a later step (such as resuming payouts after an unfreeze) decides on fresh facts.
 */
export function inSequence(
  state: AccountState,
  ...steps: ReadonlyArray<(state: AccountState) => DomainEvent[]>
): DomainEvent[] {
  const events: DomainEvent[] = [];
  let current = state;
  for (const step of steps) {
    const produced = step(current);
    produced.forEach((event) => (current = evolve(current, event)));
    events.push(...produced);
  }
  return events;
}

export type Handler<T extends CommandType> = (
  state: AccountState,
  command: CommandOf<T>,
  decision: Decision,
) => DomainEvent[];

export type Handlers<T extends CommandType> = { readonly [K in T]: Handler<K> };
