import { accountConfig, type AccountConfig, type Command } from '@account-ops/accounts';
import type { TransactionalEventStore } from '@account-ops/event-store';
import { systemClock, type Clock } from './clock/clock';
import {
  CommandExecutor,
  type CommandResult,
  type CommittedListener,
  type ExecuteOptions,
} from './commands/command-executor';
import type { CommandLoad } from './commands/command-admission';
import { DeadlineScheduler } from './deadlines/deadline-scheduler';
import { jitteredRetry, type RetryPolicy } from './commands/retry-policy';
import {
  AccountRepository,
  type ClockStepBack,
  type LoadedAccount,
} from './repository/account-repository';
import { Snapshots } from './repository/snapshots';
import { logNotificationSender, OutboxDispatcher } from './notifications/outbox';
import type { NotificationSender } from './notifications/notification';
import type { Upcasters } from './upcasting/upcasters';
import type { SealedTextOpener } from '@account-ops/projections';
import { PersonalDataVault } from './privacy/personal-data-vault';
import type { KeyProvider } from './privacy/key-provider';
import { defaultKeyProvider } from './privacy/default-key-provider';
import { SearchIndex, type SearchHits } from './search/search-index';
import { cardFingerprinter } from './security/card-fingerprinter';
import { noStepUpVerifier, type StepUpVerifier } from './security/step-up-verifier';

export interface AccountOpsOptions {
  /** Events and, in the same transactions, idempotency records (memory, SQLite, PostgreSQL). */
  readonly store: TransactionalEventStore;
  /** Secret for the keyed card fingerprint (HMAC-SHA256); from config or env, never logged. */
  readonly cardFingerprintSecret: string;
  readonly clock?: Clock;
  /**
   * The clock second factors are checked against (TOTP time steps, the lockout window):
   * wall time. Default `clock`. Separate for a host that runs domain time simulated or
   * accelerated (tests, drills): a person's authenticator app keeps real time.
   */
  readonly authenticationClock?: Clock;
  readonly config?: Partial<AccountConfig>;
  readonly stepUpVerifier?: StepUpVerifier;
  readonly retry?: RetryPolicy;
  /** Delivers customer notifications from the outbox; default: JSON lines on stdout. */
  readonly notificationSender?: NotificationSender;
  /** Upgrades events stored with older schema versions as they are read. */
  readonly upcasters?: Upcasters;
  /**
   * Load shedding: at most this many commands in flight in this process (queued behind
   * their account or running); beyond it `execute` throws CommandsOverloaded before
   * anything is verified or written. Fired deadlines and read-only commands are never
   * refused. Unset: no bound (the API sets one; docs/operations.md).
   */
  readonly maxQueuedCommands?: number;
  /**
   * Wraps the per-account data keys (a KMS, an HSM, or {@link LocalKeyProvider}). Default:
   * `ACCOUNT_OPS_MASTER_KEY` / `ACCOUNT_OPS_MASTER_KEY_FILE`, required with
   * `NODE_ENV=production`; a generated development key otherwise ({@link defaultKeyProvider}).
   */
  readonly keyProvider?: KeyProvider;
  /**
   * HMAC key of the search index (≥ 16 characters; `ACCOUNT_OPS_SEARCH_KEY` in the API):
   * with it, each commit writes the blind-index tokens of what it brings (names, e-mails,
   * last4, refund and top-up ids, payment references) and `search` finds accounts by them.
   * Without it nothing is indexed and `search` throws.
   */
  readonly searchKey?: string;
  /**
   * Called when the clock read earlier than an account's last event, so the new events were
   * stamped with that event's time instead (`occurredAt` never goes backwards in a stream).
   * Default: a JSON line on stderr.
   */
  readonly onClockStepBack?: (stepBack: ClockStepBack) => void;
}

const warnClockStepBack = (stepBack: ClockStepBack): void => {
  process.stderr.write(
    `${JSON.stringify({ level: 'warn', msg: 'clock stepped back', ...stepBack })}\n`,
  );
};

/** The engine for callers without NestJS: send commands, load accounts. */
export interface AccountOps {
  execute(command: Command, options?: ExecuteOptions): Promise<CommandResult>;
  load(accountId: string, upToVersion?: number): Promise<LoadedAccount>;
  /** Commands in flight and whether new ones are being refused (load shedding). */
  commandLoad(): CommandLoad;
  /** Listens to every commit (commands and fired deadlines); returns an unsubscribe. */
  onCommitted(listener: CommittedListener): () => void;
  /** Durable timers: `runDue()` fires what is due; `start()`/`stop()` run it periodically. */
  readonly deadlines: DeadlineScheduler;
  /** The notification outbox: `runDue()` delivers, `forAccount()` lists. */
  readonly notifications: OutboxDispatcher;
  /**
   * Unwraps a sample of the stored data keys (one per key-encryption key id), so a wrong
   * or missing key-encryption key is found at start: rejects with {@link KeyUnavailable}.
   */
  checkKeys(): Promise<void>;
  /**
   * Opens the free text read models copy from events (sealed with the account's data
   * key): clear while the key exists, `[erased]` after closure. One opener per read, so
   * each account's key is looked up once. Implements the projections' `SealedTextOpener`.
   */
  textOpener(): SealedTextOpener;
  /**
   * Account ids the query finds through the search index (`searchKey`): by e-mail, card
   * last4, refund id, top-up id or payment reference, or by the owner's name (whole words,
   * and prefixes of 3+ characters, accents and case folded). Not the account id itself:
   * the caller looks that up.
   */
  search(query: string, limit: number): Promise<SearchHits>;
}

export function createAccountOps(options: AccountOpsOptions): AccountOps {
  const config = accountConfig(options.config ?? {});
  const vault = new PersonalDataVault(
    options.store,
    options.keyProvider ?? defaultKeyProvider(options.store),
  );
  const searchIndex =
    options.searchKey !== undefined ? new SearchIndex(options.store, options.searchKey) : undefined;
  const repository = new AccountRepository(
    options.store,
    new Snapshots(options.store, config.snapshotEvery, vault),
    vault,
    options.upcasters,
    options.onClockStepBack ?? warnClockStepBack,
    searchIndex,
  );
  const executor = new CommandExecutor({
    repository,
    records: options.store,
    clock: options.clock ?? systemClock,
    authenticationClock: options.authenticationClock ?? options.clock ?? systemClock,
    config,
    stepUpVerifier: options.stepUpVerifier ?? noStepUpVerifier,
    fingerprintCard: cardFingerprinter(options.cardFingerprintSecret),
    retry: options.retry ?? jitteredRetry(),
    ...(options.maxQueuedCommands !== undefined
      ? { maxQueuedCommands: options.maxQueuedCommands }
      : {}),
  });
  const clock = options.clock ?? systemClock;
  return {
    deadlines: new DeadlineScheduler(options.store, executor, clock),
    notifications: new OutboxDispatcher(
      options.store,
      options.notificationSender ?? logNotificationSender(),
      clock,
      undefined,
      () => vault.textOpener(),
    ),
    onCommitted: (listener) => executor.onCommitted(listener),
    commandLoad: () => executor.load(),
    execute: (command, executeOptions) => executor.execute(command, executeOptions),
    load: (accountId, upToVersion) => repository.load(accountId, upToVersion),
    checkKeys: () => vault.probe(),
    textOpener: () => vault.textOpener(),
    search: (query, limit) => {
      if (!searchIndex) return Promise.reject(new Error('search is not configured (searchKey)'));
      return searchIndex.find(query, limit);
    },
  };
}
