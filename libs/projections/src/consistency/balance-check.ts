import { evolve, initialState, type AccountState, type DomainEvent } from '@account-ops/accounts';
import {
  comparePositions,
  formatPosition,
  START,
  type EventStore,
  type Position,
} from '@account-ops/event-store';
import type { ProjectionBackend } from '../backend';
import type { SqlRow } from '../read-model-reader';

export interface BalanceDifference {
  readonly accountId: string;
  /** `missing` / `unexpected`: the account is only in the replay / only in the read model. */
  readonly field:
    'available' | 'held' | 'pendingIn' | 'currency' | 'lastVersion' | 'missing' | 'unexpected';
  readonly readModel: string | number | null;
  readonly replay: string | number | null;
}

export interface BalanceCheckReport {
  readonly ok: boolean;
  /** The read model's checkpoint: the replay stops there so both see the same events. */
  readonly checkpoint: string;
  readonly accountsChecked: number;
  readonly eventsReplayed: number;
  readonly differences: readonly BalanceDifference[];
}

const BALANCE_ROWS = `SELECT account_id, currency, available, held, pending_in, last_version
  FROM rm_balance_accounts`;

interface Replayed {
  state: AccountState;
  version: number;
}

/**
 * Compares every row of the balance read model with a full replay (`evolve`) of every
 * account up to the read model's checkpoint, and lists each difference.
 */
export async function checkBalances(
  backend: ProjectionBackend,
  store: EventStore,
  batchSize = 5000,
): Promise<BalanceCheckReport> {
  const { checkpoint, rows } = await backend.readConsistent('balance', BALANCE_ROWS);
  const { accounts, events } = await replayUpTo(store, checkpoint, batchSize);
  const differences: BalanceDifference[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    const accountId = String(row['account_id']);
    seen.add(accountId);
    const replayed = accounts.get(accountId);
    if (!replayed)
      differences.push({ accountId, field: 'unexpected', readModel: accountId, replay: null });
    else differences.push(...compare(accountId, row, replayed));
  }
  for (const [accountId, replayed] of accounts) {
    if (!seen.has(accountId) && replayed.state.accountId !== null) {
      differences.push({ accountId, field: 'missing', readModel: null, replay: accountId });
    }
  }
  return {
    ok: differences.length === 0,
    checkpoint: formatPosition(checkpoint),
    accountsChecked: accounts.size,
    eventsReplayed: events,
    differences,
  };
}

function compare(accountId: string, row: SqlRow, replayed: Replayed): BalanceDifference[] {
  const { balance, currency } = replayed.state;
  const pairs: [BalanceDifference['field'], string | number | null, string | number | null][] = [
    ['available', Number(row['available']), balance.available],
    ['held', Number(row['held']), balance.held],
    ['pendingIn', Number(row['pending_in']), balance.pendingIn],
    ['currency', String(row['currency']), currency],
    ['lastVersion', Number(row['last_version']), replayed.version],
  ];
  return pairs
    .filter(([, readModel, replay]) => readModel !== replay)
    .map(([field, readModel, replay]) => ({ accountId, field, readModel, replay }));
}

async function replayUpTo(store: EventStore, until: Position, batchSize: number) {
  const accounts = new Map<string, Replayed>();
  let from = START;
  let events = 0;
  for (;;) {
    const batch = await store.readAll({ fromPosition: from, maxCount: batchSize });
    for (const event of batch) {
      if (comparePositions(event.globalPosition, until) > 0) return { accounts, events };
      const accountId = accountIdOf(event.streamId);
      if (accountId === undefined) continue;
      const replayed = accounts.get(accountId) ?? { state: initialState, version: 0 };
      replayed.state = evolve(replayed.state, {
        type: event.type,
        data: event.data,
      } as DomainEvent);
      replayed.version = event.version;
      accounts.set(accountId, replayed);
      events++;
    }
    if (batch.length < batchSize) return { accounts, events };
    from = batch[batch.length - 1]!.globalPosition;
  }
}

const STREAM_PREFIX = 'account-';

function accountIdOf(streamId: string): string | undefined {
  return streamId.startsWith(STREAM_PREFIX) ? streamId.slice(STREAM_PREFIX.length) : undefined;
}
