import { EVENT_SCHEMA_VERSIONS, type DomainEvent } from '@account-ops/accounts';
import { accountStreamId } from '@account-ops/engine';
import type { JsonValue, NewEvent, TransactionalEventStore } from '@account-ops/event-store';
import type { LongKind } from '../options';
import { OPERATOR, SYSTEM } from '../engine-driver';

const BATCH = 1000;

/**
 * The `index`-th event after the account's opening, as `decide` would have emitted it:
 * freeze/unfreeze pairs (the account state stays small) or top-ups initiated then settled
 * (the state keeps every top-up, as a real account's does).
 */
export function longStreamEvent(kind: LongKind, index: number, at: string): DomainEvent {
  const pair = index >> 1;
  if (kind === 'freeze') {
    const stamp = { at, by: OPERATOR.id, reason: 'manual' as const, note: 'bench' };
    return index % 2 === 0
      ? { type: 'FreezeApplied', data: { ...stamp, trigger: 'Freeze' } }
      : { type: 'FreezeLifted', data: { ...stamp, trigger: 'Unfreeze' } };
  }
  const topUp = { at, by: SYSTEM.id, topUpId: `t${pair}`, amount: 100, currency: 'EUR' as const };
  return index % 2 === 0
    ? {
        type: 'TopUpInitiated',
        data: {
          ...topUp,
          method: 'bank_transfer',
          paymentReference: `p${pair}`,
          stepUpVerified: false,
        },
      }
    : { type: 'TopUpSettled', data: topUp };
}

/**
 * Appends `count` events after the opening (version 1) straight to the store, a thousand
 * per append: the engine would decide them one command at a time, which for top-ups costs
 * time growing with the stream (see docs/benchmarks.md). Each event is one second after
 * the previous one, from `start`.
 */
export async function fillStream(
  store: TransactionalEventStore,
  accountId: string,
  kind: LongKind,
  count: number,
  start: Date,
): Promise<void> {
  for (let done = 0; done < count;) {
    const batch: NewEvent[] = [];
    for (; batch.length < BATCH && done < count; done++) {
      const at = new Date(start.getTime() + (done + 1) * 1000).toISOString();
      const event = longStreamEvent(kind, done, at);
      batch.push({
        type: event.type,
        schemaVersion: EVENT_SCHEMA_VERSIONS[event.type],
        data: event.data as unknown as JsonValue,
        metadata: { actor: kind === 'freeze' ? OPERATOR : SYSTEM, occurredAt: at },
      });
    }
    await store.appendToStream(accountStreamId(accountId), batch, {
      expectedVersion: 1 + done - batch.length,
    });
  }
}
