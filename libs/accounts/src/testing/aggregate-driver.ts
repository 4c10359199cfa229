import type { Command } from '../commands/command';
import { DEFAULT_ACCOUNT_CONFIG, type AccountConfig } from '../config/account-config';
import { decide } from '../decide/decide';
import type { DecideContext } from '../decide/decision';
import type { DomainEvent } from '../events/domain-event';
import type { AccountState } from '../state/account-state';
import { evolve } from '../state/evolve';
import { addMinutes } from '../time/instant';
import { context, NOW } from './fixtures';
import { given, type GivenStep } from './given-when-then';

/**
 * Drives one account through commands the way the engine will: decide at the driver's
 * clock, append, evolve. The clock moves a minute per command so every event has its own
 * instant; `jumpTo` moves it to a deadline.
 */
export class AggregateDriver {
  state: AccountState;
  readonly events: DomainEvent[];
  now = NOW;

  constructor(
    history: readonly GivenStep[] = [],
    readonly config: AccountConfig = DEFAULT_ACCOUNT_CONFIG,
  ) {
    const start = given(history);
    this.state = start.state;
    this.events = [...start.events];
  }

  jumpTo(instant: string): void {
    if (instant > this.now) this.now = instant;
  }

  /** Decides and applies `command` (with a second factor unless told); throws what `decide` throws. */
  send(command: Command, overrides: Partial<DecideContext> = {}): DomainEvent[] {
    this.now = addMinutes(this.now, 1);
    const decision = context({
      now: this.now,
      config: this.config,
      stepUpVerified: true,
      ...overrides,
    });
    const produced = decide(this.state, command, decision);
    for (const event of produced) {
      const next = evolve(this.state, event);
      // decide must only ever produce events that apply to the state it decided on.
      if (next === this.state) throw new Error(`${event.type} did not apply`);
      this.state = next;
      this.events.push(event);
    }
    return produced;
  }

  /** Like `send`, but returns the refusal instead of throwing it. */
  attempt(command: Command, overrides: Partial<DecideContext> = {}): DomainEvent[] | unknown {
    try {
      return this.send(command, overrides);
    } catch (error) {
      return error;
    }
  }
}
