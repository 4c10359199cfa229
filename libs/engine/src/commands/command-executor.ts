import {
  decide,
  evolve,
  type AccountConfig,
  type AccountState,
  type Command,
} from '@account-ops/accounts';
import { WrongExpectedVersion, type RecordedEvent } from '@account-ops/event-store';
import { v7 as uuidv7 } from 'uuid';
import type { Clock } from '../clock/clock';
import type { AccountRepository } from '../repository/account-repository';
import type { StepUpVerifier } from '../security/step-up-verifier';
import { ConcurrencyConflict } from './engine-errors';
import { KeyedQueue } from './keyed-queue';
import type { RetryPolicy } from './retry-policy';

export interface ExecuteOptions {
  readonly idempotencyKey?: string;
  readonly correlationId?: string;
  readonly causationId?: string;
  /** A second-factor code; verified once per command, before the first decision. */
  readonly stepUpCode?: string;
}

export interface CommandResult {
  readonly accountId: string;
  /** The account's stream version after the command. */
  readonly version: number;
  /** What the command appended; empty when it changed nothing. */
  readonly events: readonly RecordedEvent[];
  readonly state: AccountState;
}

export interface CommandExecutorDeps {
  readonly repository: AccountRepository;
  readonly clock: Clock;
  readonly config: AccountConfig;
  readonly stepUpVerifier: StepUpVerifier;
  readonly fingerprintCard: (pan: string) => string;
  readonly retry: RetryPolicy;
}

/**
 * Load → decide → append with the loaded version. When another writer got there first
 * the append fails with WrongExpectedVersion and the command is decided again on fresh
 * state, so a rule such as "available never negative" is always checked against the
 * balance the events are appended to: no lost update, no double spend.
 */
export class CommandExecutor {
  private readonly perAccount = new KeyedQueue();

  constructor(private readonly deps: CommandExecutorDeps) {}

  async execute(command: Command, options: ExecuteOptions = {}): Promise<CommandResult> {
    const stepUpVerified = await this.verifyStepUp(command, options.stepUpCode);
    const accountKey = typeof command?.accountId === 'string' ? command.accountId : '';
    return this.perAccount.run(accountKey, () =>
      this.decideAndAppend(command, options, stepUpVerified),
    );
  }

  private async decideAndAppend(
    command: Command,
    options: ExecuteOptions,
    stepUpVerified: boolean,
  ): Promise<CommandResult> {
    const { repository, clock, retry } = this.deps;
    const correlationId = options.correlationId ?? uuidv7();
    for (let attempt = 1; ; attempt++) {
      const { state, version } = await repository.load(command.accountId);
      const now = clock.now().toISOString();
      const events = decide(state, command, {
        now,
        config: this.deps.config,
        stepUpVerified,
        fingerprintCard: this.deps.fingerprintCard,
      });
      if (events.length === 0) return { accountId: command.accountId, version, events: [], state };
      try {
        const appended = await repository.append(command.accountId, events, version, {
          actor: command.actor,
          occurredAt: now,
          correlationId,
          causationId: options.causationId ?? correlationId,
          ...(options.idempotencyKey !== undefined
            ? { idempotencyKey: options.idempotencyKey }
            : {}),
        });
        const after = events.reduce(evolve, state);
        return {
          accountId: command.accountId,
          version: appended.nextExpectedVersion,
          events: appended.events,
          state: after,
        };
      } catch (error) {
        if (!(error instanceof WrongExpectedVersion)) throw error;
        if (attempt >= retry.maxAttempts) throw new ConcurrencyConflict(command.accountId, attempt);
        await retry.backoff(attempt + 1);
      }
    }
  }

  private async verifyStepUp(command: Command, code: string | undefined): Promise<boolean> {
    const actorId: unknown = command?.actor?.id;
    // A malformed actor is refused by decide's validation; it cannot pass a second factor.
    if (code === undefined || code === '' || typeof actorId !== 'string') return false;
    return this.deps.stepUpVerifier.verify(actorId, code, this.deps.clock.now());
  }
}
