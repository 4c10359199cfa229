import {
  decide,
  DEFAULT_ACCOUNT_CONFIG,
  evolve,
  initialState,
  type AccountConfig,
  type AccountState,
  type Command,
} from '@account-ops/accounts';
import type { RecordedEvent } from '@account-ops/event-store';
import { accountFixtures as fx } from '@account-ops/testing';
import { EventLog } from './event-log';

const MINUTE_MS = 60_000;

/**
 * Any number of accounts driven through the real `decide`/`evolve` on one clock, their
 * events recorded as a store would (see {@link EventLog}). The clock moves a minute per
 * command, so every command has its own instant; `at` moves it further.
 */
export class AccountsDriver {
  now = fx.NOW;
  private readonly states = new Map<string, AccountState>();

  constructor(
    readonly config: AccountConfig = DEFAULT_ACCOUNT_CONFIG,
    readonly log: EventLog = new EventLog(),
  ) {}

  get events(): readonly RecordedEvent[] {
    return this.log.events;
  }

  state(accountId: string): AccountState {
    return this.states.get(accountId) ?? initialState;
  }

  /** Moves the clock to `instant` (never back). */
  at(instant: string): this {
    if (instant > this.now) this.now = instant;
    return this;
  }

  /** Decides `command` (with a verified second factor) and records its events. */
  send(command: Command, correlationId?: string): RecordedEvent[] {
    this.now = new Date(Date.parse(this.now) + MINUTE_MS).toISOString();
    let state = this.state(command.accountId);
    const context = fx.context({ now: this.now, config: this.config, stepUpVerified: true });
    const events = decide(state, command, context);
    for (const event of events) state = evolve(state, event);
    this.states.set(command.accountId, state);
    return this.log.append(command.accountId, events, { actor: command.actor, correlationId });
  }

  /** Sends each command in turn; a `{ at }` step moves the clock instead. */
  run(steps: readonly Step[]): this {
    for (const step of steps) {
      if ('at' in step) this.at(step.at);
      else this.send(step);
    }
    return this;
  }
}

/** A scenario step: a command, or a move of the clock (to let a deadline pass). */
export type Step = Command | { readonly at: string };

/** The same command for another account. */
export const forAccount = <C extends Command>(accountId: string, command: C): C => ({
  ...command,
  accountId,
});
