import { Fold, initialState, type AccountState, type DomainEvent } from '@account-ops/accounts';
import {
  StreamNotFound,
  type AppendResult,
  type EventStore,
  type RecordedEvent,
  type RecordWrite,
} from '@account-ops/event-store';
import { accountStreamId } from './account-stream';
import { toDomainEvent, toNewEvent, type CommandMetadata } from './event-mapping';
import type { Snapshots } from './snapshots';
import { StateCache } from './state-cache';
import type { Upcasters } from '../upcasting/upcasters';
import type { PersonalDataVault } from '../privacy/personal-data-vault';
import type { SearchIndex } from '../search/search-index';

/** An account's state and the stream version it was built from. */
export interface LoadedAccount {
  readonly state: AccountState;
  /** 0 for an account whose stream has no events yet. */
  readonly version: number;
  /** When the event at `version` was stamped (`occurredAt`), when known. */
  readonly lastOccurredAt?: string;
}

/** The clock read earlier than the account's last event: the new events were dated after it. */
export interface ClockStepBack {
  readonly accountId: string;
  readonly clock: string;
  readonly stampedAt: string;
}

/** A state to decide on, and whether the store confirmed it is the head (see loadToDecide). */
export interface DecisionBase extends LoadedAccount {
  /** False when it is this process's cached state, not checked against the store. */
  readonly current: boolean;
}

const PAGE_SIZE = 1000;

/**
 * How much account state the in-process cache keeps: one unit per account plus one per
 * top-up and refund it holds in full (a top-up weighs roughly 200 bytes) and one per two
 * completed top-ups it only remembers by id and reference, so about 50–100 MB at most
 * however long the accounts' histories grow.
 */
const STATE_CACHE_WEIGHT = 250_000;

function stateWeight({ state }: LoadedAccount): number {
  let entries = 1 + Math.ceil(state.topUpLedger.archived / 2);
  for (const _ in state.topUps) entries++;
  for (const _ in state.refunds) entries++;
  return entries;
}

/**
 * Loads accounts by replaying their stream and appends a decision's events with the
 * version they were decided on, so a concurrent writer makes the append fail instead of
 * being overwritten.
 */
export class AccountRepository {
  private readonly cache = new StateCache<LoadedAccount>(STATE_CACHE_WEIGHT, stateWeight);

  constructor(
    private readonly store: EventStore,
    private readonly snapshots?: Snapshots,
    private readonly vault?: PersonalDataVault,
    private readonly upcasters?: Upcasters,
    private readonly onClockStepBack: (stepBack: ClockStepBack) => void = () => undefined,
    private readonly search?: SearchIndex,
  ) {}

  /**
   * The time to stamp the next events of an account with: the clock's reading, or the
   * account's last event's time when the clock reads earlier (an NTP step back, a
   * different host's clock), so `occurredAt` never goes backwards within a stream. A clamp
   * is reported to `onClockStepBack` (logged by the API).
   */
  async stampTime(accountId: string, base: LoadedAccount, clock: Date): Promise<string> {
    const now = clock.toISOString();
    const last = base.lastOccurredAt ?? (await this.occurredAtOf(accountId, base.version));
    if (last === undefined || last <= now) return now;
    this.onClockStepBack({ accountId, clock: now, stampedAt: last });
    return last;
  }

  private async occurredAtOf(accountId: string, version: number): Promise<string | undefined> {
    if (version === 0) return undefined;
    for await (const event of this.readEvents(accountId, version, version))
      return event.metadata.occurredAt;
    return undefined;
  }

  /**
   * The account at its head (from the in-process cache or the latest snapshot, plus the
   * events after it), or at `upToVersion` for time travel (snapshot at or below it + tail).
   */
  async load(accountId: string, upToVersion?: number): Promise<LoadedAccount> {
    const start = upToVersion === undefined ? this.cache.get(accountId) : undefined;
    const loaded = await this.loadFrom(
      accountId,
      start ?? (await this.snapshots?.latest(accountId, upToVersion)),
      upToVersion,
    );
    if (upToVersion === undefined) this.cache.set(accountId, loaded);
    return loaded;
  }

  /**
   * What a command decides on first: the state this process last saw for the account,
   * without asking the store, or the stored head when nothing is cached. A cached state
   * may be behind another process's appends; the caller must treat it as a guess that
   * only an append with `version` as its expected version can confirm, and load the head
   * (`load`) before it answers anything without appending (a refusal, a no-op).
   */
  async loadToDecide(accountId: string): Promise<DecisionBase> {
    const cached = this.cache.get(accountId);
    if (cached) return { ...cached, current: false };
    return { ...(await this.load(accountId)), current: true };
  }

  /**
   * Drops the cached state: the next load starts from the snapshot and the stored events.
   * Called when an append was refused for its version, so a cached state that is wrong
   * for any reason cannot refuse every later command on the account.
   */
  forget(accountId: string): void {
    this.cache.delete(accountId);
  }

  /** Records the state a successful append produced, so the next command starts from it. */
  remember(accountId: string, loaded: LoadedAccount): void {
    this.cache.set(accountId, loaded);
  }

  private async loadFrom(
    accountId: string,
    start: LoadedAccount | undefined,
    upToVersion?: number,
  ): Promise<LoadedAccount> {
    // One fold, linear in the events read: it writes maps it copied in place.
    const fold = new Fold(start?.state ?? initialState);
    let version = start?.version ?? 0;
    let lastOccurredAt = start?.lastOccurredAt;
    for await (const event of this.readEvents(accountId, upToVersion, version + 1)) {
      fold.apply(await this.readable(accountId, toDomainEvent(event, this.upcasters)));
      version = event.version;
      lastOccurredAt = event.metadata.occurredAt;
    }
    return { state: fold.state, version, ...(lastOccurredAt ? { lastOccurredAt } : {}) };
  }

  /** The event with its personal fields decrypted, or `[erased]` once the key is shredded. */
  async readable(accountId: string, event: DomainEvent): Promise<DomainEvent> {
    if (!this.vault?.hasPersonalData(event)) return event;
    return this.vault.open(accountId, event, await this.vault.keyFor(accountId));
  }

  async append(
    accountId: string,
    events: readonly DomainEvent[],
    expectedVersion: number,
    metadata: CommandMetadata,
    records: readonly RecordWrite[] = [],
    /** Record writes made from the events as stored (personal fields sealed): the outbox. */
    recordsOfStored: (stored: readonly DomainEvent[]) => readonly RecordWrite[] = () => [],
  ): Promise<AppendResult> {
    // The search tokens come from the events in clear, before they are sealed.
    const searchWrites = (await this.search?.writesFor(accountId, events)) ?? [];
    const { stored, privacyWrites } = await this.protect(accountId, events);
    const result = await this.store.appendToStream(
      accountStreamId(accountId),
      stored.map((event) => toNewEvent(event, metadata)),
      {
        expectedVersion,
        records: [...records, ...recordsOfStored(stored), ...searchWrites, ...privacyWrites],
      },
    );
    if (events.some((e) => e.type === 'AccountClosed')) this.vault?.forget(accountId);
    return result;
  }

  /**
   * Encrypts personal fields with the account's data key (created with the account and
   * stored wrapped) and, when the account closes, shreds the key and drops the snapshot
   * (sealed with that key) — both in the closing transaction.
   */
  private async protect(accountId: string, events: readonly DomainEvent[]) {
    const vault = this.vault;
    if (!vault) return { stored: events, privacyWrites: [] };
    const privacyWrites: RecordWrite[] = [];
    let key: Buffer | undefined;
    if (events.some((e) => e.type === 'AccountOpened')) {
      // A key already stored for an account that is only now opening was left by an
      // open that did not complete (the split store writes keys before appending):
      // reusing it keeps a concurrent open of the same id readable whichever append wins.
      key = await vault.keyFor(accountId);
      if (!key) {
        const created = await vault.newKey(accountId);
        key = created.key;
        privacyWrites.push(created.write);
      }
    } else if (events.some((e) => vault.hasPersonalData(e))) {
      key = await vault.keyFor(accountId);
      if (!key)
        throw new Error(
          `account ${accountId} has no data key: refusing to store personal data in clear`,
        );
    }
    if (events.some((e) => e.type === 'AccountClosed')) {
      privacyWrites.push(vault.shred(accountId));
      if (this.snapshots) privacyWrites.push(this.snapshots.deleteWrite(accountId));
    }
    const stored = events.map((e) =>
      key && vault.hasPersonalData(e) ? vault.seal(accountId, e, key) : e,
    );
    return { stored, privacyWrites };
  }

  /** Writes a snapshot when the append from `before` to `after` crossed a snapshot boundary. */
  async snapshotIfDue(
    accountId: string,
    before: number,
    after: number,
    state: AccountState,
  ): Promise<void> {
    if (!this.snapshots?.isDue(before, after)) return;
    // A snapshot is a cache: failing to write one must not fail a command already committed.
    await this.snapshots.save(accountId, after, state).catch(() => undefined);
  }

  /** The stored events of an account in order, page by page; none for an unknown account. */
  async *readEvents(
    accountId: string,
    upToVersion?: number,
    fromVersion = 1,
  ): AsyncGenerator<RecordedEvent> {
    for (;;) {
      const remaining =
        upToVersion === undefined ? PAGE_SIZE : Math.min(PAGE_SIZE, upToVersion - fromVersion + 1);
      if (remaining <= 0) return;
      let page: RecordedEvent[];
      try {
        page = await this.store.readStream(accountStreamId(accountId), {
          fromVersion,
          maxCount: remaining,
        });
      } catch (error) {
        if (error instanceof StreamNotFound) return;
        throw error;
      }
      yield* page;
      if (page.length < remaining) return;
      fromVersion += page.length;
    }
  }
}
