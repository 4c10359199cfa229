import type { DomainEvent } from '@account-ops/accounts';
import type { RecordWrite, TransactionalEventStore } from '@account-ops/event-store';
import { DATA_KEY_COLLECTION } from '../privacy/data-key-record';
import type { KeyProvider } from '../privacy/key-provider';
import { PersonalDataVault } from '../privacy/personal-data-vault';
import { AccountRepository } from '../repository/account-repository';
import { toDomainEvent } from '../repository/event-mapping';
import type { Upcasters } from '../upcasting/upcasters';
import { SearchIndex } from './search-index';

/** How `account-ops search reindex` walks the store. */
export interface ReindexOptions {
  /** Accounts per page and per write transaction (default 200). */
  readonly batchSize?: number;
  /** Upgrades events stored with older schema versions as they are read (as the engine's). */
  readonly upcasters?: Upcasters;
  /** Called after each batch: report progress, or throw to stop (safe to run again). */
  readonly afterBatch?: (accounts: number) => Promise<void>;
}

/** What a reindex run did. */
export interface ReindexReport {
  /** Open accounts (with a data key) looked at. */
  readonly accounts: number;
  /** Rows written or deleted (each term is two rows). */
  readonly changedRows: number;
}

/**
 * `account-ops search reindex`: rebuilds the search index of every account that still
 * has a data key (closed accounts have none, so nothing of theirs comes back), opening
 * names and e-mails with the vault. For accounts opened before the index existed, and
 * after the search key changed (each account's rows become exactly its current ones).
 * Each batch is one transaction; safe to stop and rerun.
 */
export async function reindexSearch(
  store: TransactionalEventStore,
  keys: KeyProvider,
  searchKey: string,
  options: ReindexOptions = {},
): Promise<ReindexReport> {
  const vault = new PersonalDataVault(store, keys);
  const repository = new AccountRepository(store, undefined, vault, options.upcasters);
  const index = new SearchIndex(store, searchKey);
  const batchSize = options.batchSize ?? 200;
  let accounts = 0;
  let changedRows = 0;
  let after: string | undefined;
  for (;;) {
    const page = await store.listRecords(DATA_KEY_COLLECTION, {
      limit: batchSize,
      ...(after !== undefined ? { keyAfter: after } : {}),
    });
    if (page.length === 0) break;
    const writes: RecordWrite[] = [];
    for (const { key: accountId } of page) {
      const events: DomainEvent[] = [];
      for await (const recorded of repository.readEvents(accountId)) {
        events.push(
          await repository.readable(accountId, toDomainEvent(recorded, options.upcasters)),
        );
      }
      writes.push(...(await index.reindexWrites(accountId, events)));
      vault.forget(accountId);
    }
    if (writes.length > 0) await store.writeRecords(writes);
    changedRows += writes.length;
    // An account closed while this batch was read must not keep what was just written.
    for (const { key: accountId } of page) {
      if (await store.getRecord(DATA_KEY_COLLECTION, accountId)) continue;
      const erase = await index.eraseWrites(accountId);
      if (erase.length > 0) await store.writeRecords(erase);
    }
    accounts += page.length;
    after = page[page.length - 1]!.key;
    await options.afterBatch?.(accounts);
    if (page.length < batchSize) break;
  }
  return { accounts, changedRows };
}
