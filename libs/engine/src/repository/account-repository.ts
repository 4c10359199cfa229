import { evolve, initialState, type AccountState, type DomainEvent } from '@account-ops/accounts';
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

/** An account's state and the stream version it was built from. */
export interface LoadedAccount {
  readonly state: AccountState;
  /** 0 for an account whose stream has no events yet. */
  readonly version: number;
}

const PAGE_SIZE = 1000;

/**
 * Loads accounts by replaying their stream and appends a decision's events with the
 * version they were decided on, so a concurrent writer makes the append fail instead of
 * being overwritten.
 */
export class AccountRepository {
  constructor(
    private readonly store: EventStore,
    private readonly snapshots?: Snapshots,
  ) {}

  /** Latest snapshot (at or below `upToVersion`) plus the events after it. */
  async load(accountId: string, upToVersion?: number): Promise<LoadedAccount> {
    const snapshot = await this.snapshots?.latest(accountId, upToVersion);
    let state = snapshot?.state ?? initialState;
    let version = snapshot?.version ?? 0;
    for await (const event of this.readEvents(accountId, upToVersion, version + 1)) {
      state = evolve(state, toDomainEvent(event));
      version = event.version;
    }
    return { state, version };
  }

  async append(
    accountId: string,
    events: readonly DomainEvent[],
    expectedVersion: number,
    metadata: CommandMetadata,
    records: readonly RecordWrite[] = [],
  ): Promise<AppendResult> {
    return this.store.appendToStream(
      accountStreamId(accountId),
      events.map((event) => toNewEvent(event, metadata)),
      { expectedVersion, records },
    );
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
