import {
  decide,
  parseCommand,
  evolve,
  type AccountConfig,
  type AccountState,
  type Command,
  type DomainEvent,
} from '@account-ops/accounts';
import {
  DuplicateRecord,
  KeyedQueue,
  WrongExpectedVersion,
  type RecordedEvent,
  type RecordStore,
} from '@account-ops/event-store';
import { v7 as uuidv7 } from 'uuid';
import type { Clock } from '../clock/clock';
import {
  IdempotencyKeyReused,
  IdempotencyLedger,
  type IdempotencyEntry,
} from '../idempotency/idempotency-ledger';
import type { AccountRepository, DecisionBase } from '../repository/account-repository';
import { accountStreamId } from '../repository/account-stream';
import { deadlineWrites } from '../deadlines/deadline-records';
import { outboxWrites } from '../notifications/outbox';
import type { StepUpVerifier } from '../security/step-up-verifier';
import { CommandAdmission, type CommandLoad } from './command-admission';
import { ConcurrencyConflict } from './engine-errors';
import type { RetryPolicy } from './retry-policy';

export interface ExecuteOptions {
  /** Makes a retry safe: the same key and command return the original result. */
  readonly idempotencyKey?: string;
  readonly correlationId?: string;
  readonly causationId?: string;
  /** A second-factor code; verified once per command, before the first decision. */
  readonly stepUpCode?: string;
  /**
   * The host verified a second factor itself, e.g. a recent multi-factor sign-in shown in
   * an OIDC access token. The engine trusts its host for who the actor is, and so for
   * this; no code is checked then. Default false.
   */
  readonly stepUpVerifiedByHost?: boolean;
  /**
   * `false` for work that must not be refused under load (fired deadlines, read-only
   * commands such as the export): counted in flight, never shed. Default true.
   */
  readonly sheddable?: boolean;
}

export interface CommandResult {
  readonly accountId: string;
  /** The account's stream version after the command. */
  readonly version: number;
  /** What the command appended; empty when it changed nothing. */
  readonly events: readonly RecordedEvent[];
  readonly state: AccountState;
  /** True when this is the stored result of an earlier execution with the same key. */
  readonly replayed: boolean;
}

/** A decision and the state it was taken on. */
interface Decided {
  readonly base: DecisionBase;
  readonly events: DomainEvent[];
  readonly now: string;
}

export type CommittedListener = (events: readonly RecordedEvent[]) => void;

export interface CommandExecutorDeps {
  readonly repository: AccountRepository;
  readonly records: RecordStore;
  readonly clock: Clock;
  /** What step-up codes are checked against (AccountOpsOptions.authenticationClock); default `clock`. */
  readonly authenticationClock?: Clock;
  readonly config: AccountConfig;
  readonly stepUpVerifier: StepUpVerifier;
  readonly fingerprintCard: (pan: string) => string;
  readonly retry: RetryPolicy;
  /** Bound on commands in flight in this process (see CommandAdmission); none when unset. */
  readonly maxQueuedCommands?: number;
}

/**
 * Load → decide → append with the loaded version. When another writer got there first
 * the append fails with WrongExpectedVersion and the command is decided again on fresh
 * state, so a rule such as "available never negative" is always checked against the
 * balance the events are appended to: no lost update, no double spend.
 */
export class CommandExecutor {
  private readonly perAccount = new KeyedQueue();
  private readonly listeners = new Set<CommittedListener>();
  private readonly ledger: IdempotencyLedger;
  private readonly admission: CommandAdmission;

  constructor(private readonly deps: CommandExecutorDeps) {
    this.ledger = new IdempotencyLedger(deps.records);
    this.admission = new CommandAdmission(deps.maxQueuedCommands);
  }

  /** Commands in flight, the bound and whether new ones are being refused. */
  load(): CommandLoad {
    return this.admission.load();
  }

  /** Called after each commit with the appended events (not for replays). Returns an unsubscribe. */
  onCommitted(listener: CommittedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async execute(command: Command, options: ExecuteOptions = {}): Promise<CommandResult> {
    // Refuse a malformed command before its account, actor or key are used for anything.
    parseCommand(command);
    if (options.idempotencyKey !== undefined) IdempotencyLedger.checkKey(options.idempotencyKey);
    // Admitted before the second factor is checked: verifying a code uses it up, so a shed
    // command must not have touched it (its retry sends the same code).
    const actorId = typeof command?.actor?.id === 'string' ? command.actor.id : '';
    const release = this.admission.admit(options.sheddable !== false, actorId);
    try {
      const stepUpVerified =
        options.stepUpVerifiedByHost === true ||
        (await this.verifyStepUp(command, options.stepUpCode));
      const accountKey = typeof command?.accountId === 'string' ? command.accountId : '';
      return await this.perAccount.run(accountKey, () =>
        this.executeOnce(command, options, stepUpVerified),
      );
    } finally {
      release();
    }
  }

  /**
   * Idempotency without a lookup on the way in: the key's claim is an insert-only record
   * committed with the command's events, so a key already taken fails the append
   * (DuplicateRecord) and nothing is written. The ledger is read only when the command did
   * not go through, to tell a retry (return the recorded result) or a reused key (422)
   * from a genuine refusal. Whatever the command's fate, a known key therefore ends in the
   * recorded answer, as a lookup first would have given (docs/architecture.md).
   */
  private async executeOnce(
    command: Command,
    options: ExecuteOptions,
    stepUpVerified: boolean,
  ): Promise<CommandResult> {
    // A store that applies records after its events (the split store) first makes this
    // account's records complete, so a retry after a crash finds its idempotency record.
    await this.settleRecords(command);
    const key = options.idempotencyKey;
    if (key === undefined) return this.decideAndAppend(command, options, stepUpVerified);
    try {
      return await this.decideAndAppend(command, options, stepUpVerified);
    } catch (error) {
      const earlier = await this.earlierResult(command, key, error);
      if (!earlier) throw error;
      return earlier;
    }
  }

  private settleRecords(command: Command): Promise<void> | undefined {
    return this.deps.records.settleRecords?.(accountStreamId(command.accountId));
  }

  /**
   * After a command with a key failed: the recorded result when the key is known (a retry
   * of the same request, or the loser of a race for the key), IdempotencyKeyReused when
   * it was used for another request, undefined when it is unknown (the failure stands).
   * A ledger that cannot be read is that error, not the original failure: the command may
   * have been applied earlier under this key, so a refusal would be a wrong answer where
   * a retry gives the right one.
   */
  private async earlierResult(
    command: Command,
    key: string,
    failure: unknown,
  ): Promise<CommandResult | undefined> {
    if (!(failure instanceof DuplicateRecord)) await this.settleRecords(command);
    const entry: IdempotencyEntry | undefined = await this.ledger.find(command.actor.id, key);
    return entry && this.replay(command, key, entry);
  }

  private async replay(
    command: Command,
    key: string,
    entry: IdempotencyEntry,
  ): Promise<CommandResult> {
    if (!IdempotencyLedger.matches(entry, command, this.deps.fingerprintCard))
      throw new IdempotencyKeyReused(key);
    const { state } = await this.deps.repository.load(entry.accountId, entry.version);
    const events: RecordedEvent[] = [];
    for await (const event of this.deps.repository.readEvents(entry.accountId, entry.version)) {
      if (event.version >= entry.fromVersion) events.push(event);
    }
    return { accountId: entry.accountId, version: entry.version, events, state, replayed: true };
  }

  /**
   * Decides on the cached state when there is one. An answer that no append's expected
   * version will confirm (a refusal, a decision without events) is given only on the
   * stored head: a stale cache can cost a second decision, never a wrong answer.
   */
  private async decision(command: Command, stepUpVerified: boolean): Promise<Decided> {
    const { repository, clock } = this.deps;
    let base = await repository.loadToDecide(command.accountId);
    for (;;) {
      const now = await repository.stampTime(command.accountId, base, clock.now());
      let outcome: { events: DomainEvent[] } | { error: unknown };
      try {
        outcome = {
          events: decide(base.state, command, {
            now,
            config: this.deps.config,
            stepUpVerified,
            fingerprintCard: this.deps.fingerprintCard,
          }),
        };
      } catch (error) {
        outcome = { error };
      }
      const appends = 'events' in outcome && outcome.events.length > 0;
      if (!base.current && !appends) {
        const head = await repository.load(command.accountId);
        const moved = head.version !== base.version;
        base = { ...head, current: true };
        // Nothing was appended since: the decision was taken on the head after all.
        if (moved) continue;
      }
      if ('error' in outcome) throw outcome.error;
      return { base, events: outcome.events, now };
    }
  }

  private async decideAndAppend(
    command: Command,
    options: ExecuteOptions,
    stepUpVerified: boolean,
  ): Promise<CommandResult> {
    const { repository, retry } = this.deps;
    const correlationId = options.correlationId ?? uuidv7();
    for (let attempt = 1; ; attempt++) {
      const {
        base: { state, version },
        events,
        now,
      } = await this.decision(command, stepUpVerified);
      const entry = (appendedUpTo: number): IdempotencyEntry => ({
        fingerprint: IdempotencyLedger.fingerprint(command, this.deps.fingerprintCard),
        accountId: command.accountId,
        commandType: command.type,
        fromVersion: version + 1,
        version: appendedUpTo,
        recordedAt: now,
      });
      const claim =
        options.idempotencyKey === undefined
          ? []
          : [
              this.ledger.claim(
                command.actor.id,
                options.idempotencyKey,
                entry(version + events.length),
              ),
            ];
      if (events.length === 0) {
        if (claim.length > 0) await this.deps.records.writeRecords(claim);
        return { accountId: command.accountId, version, events: [], state, replayed: false };
      }
      try {
        const appended = await repository.append(
          command.accountId,
          events,
          version,
          {
            actor: command.actor,
            occurredAt: now,
            correlationId,
            causationId: options.causationId ?? correlationId,
            ...(options.idempotencyKey !== undefined
              ? { idempotencyKey: options.idempotencyKey }
              : {}),
          },
          // Idempotency record, durable timers and outbox rows commit with the events or not at all.
          [...claim, ...deadlineWrites(command.accountId, events)],
          // The outbox copies facts from the events as stored: someone's words stay sealed.
          (stored) => outboxWrites(command.accountId, version + 1, stored),
        );
        const after = events.reduce(evolve, state);
        repository.remember(command.accountId, {
          state: after,
          version: appended.nextExpectedVersion,
          lastOccurredAt: now,
        });
        this.publish(appended.events);
        await repository.snapshotIfDue(
          command.accountId,
          version,
          appended.nextExpectedVersion,
          after,
        );
        return {
          accountId: command.accountId,
          version: appended.nextExpectedVersion,
          events: appended.events,
          state: after,
          replayed: false,
        };
      } catch (error) {
        if (!(error instanceof WrongExpectedVersion)) throw error;
        repository.forget(command.accountId);
        if (attempt >= retry.maxAttempts) throw new ConcurrencyConflict(command.accountId, attempt);
        await retry.backoff(attempt + 1);
      }
    }
  }

  private publish(events: readonly RecordedEvent[]): void {
    for (const listener of this.listeners) {
      // A subscriber's failure must not turn a committed command into an error.
      try {
        listener(events);
      } catch {
        /* subscribers handle their own errors */
      }
    }
  }

  private async verifyStepUp(command: Command, code: string | undefined): Promise<boolean> {
    const actorId: unknown = command?.actor?.id;
    // A malformed actor is refused by decide's validation; it cannot pass a second factor.
    if (code === undefined || code === '' || typeof actorId !== 'string') return false;
    return this.deps.stepUpVerifier.verify(
      actorId,
      code,
      (this.deps.authenticationClock ?? this.deps.clock).now(),
    );
  }
}
