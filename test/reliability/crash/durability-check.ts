import { IdempotencyLedger } from '@account-ops/engine';
import { verifyStream, type TransactionalEventStore } from '@account-ops/event-store';
import type { Acknowledged, Refused } from './command-ledger';
import { groupKey, type EventIndex } from './event-index';

/**
 * Every acknowledged command is in the store, exactly as answered: its events sit at the
 * versions ending where the response said, include the event its command must produce,
 * and were written once. Refused commands wrote nothing.
 */
export function checkAcknowledged(
  index: EventIndex,
  acknowledged: readonly Acknowledged[],
  refused: readonly Refused[],
  problems: string[],
): void {
  for (const ack of acknowledged) {
    const group = index.groups.get(groupKey(ack.actorId, ack.key));
    const what = `acknowledged ${ack.eventType} (key ${ack.key}, v${ack.version})`;
    if (!group) problems.push(`${what}: no events in the store`);
    else if (group.streamId !== `account-${ack.accountId}`) problems.push(`${what}: wrong stream`);
    else if (group.toVersion !== ack.version)
      problems.push(`${what}: events end at v${group.toVersion}`);
    else if (!group.types.includes(ack.eventType))
      problems.push(`${what}: stored ${group.types.join(', ')}`);
  }
  for (const refusal of refused) {
    if (index.groups.has(groupKey(refusal.actorId, refusal.key))) {
      problems.push(`refused command (key ${refusal.key}) has events`);
    }
  }
}

/**
 * All or nothing: each command's events and its idempotency record (written in the same
 * transaction) agree exactly — no events without the record, no record over a range
 * holding more or fewer events.
 */
export async function checkIdempotencyRecords(
  store: TransactionalEventStore,
  index: EventIndex,
  groupKeys: readonly string[],
  problems: string[],
): Promise<void> {
  const ledger = new IdempotencyLedger(store);
  for (const key of groupKeys) {
    const group = index.groups.get(key)!;
    const [actorId, idempotencyKey] = key.split('\n') as [string, string];
    const entry = await ledger.find(actorId, idempotencyKey);
    const range = `${group.streamId}@${group.fromVersion}-${group.toVersion}`;
    if (!entry) problems.push(`events ${range} (key ${idempotencyKey}) have no idempotency record`);
    else if (
      `account-${entry.accountId}` !== group.streamId ||
      entry.fromVersion !== group.fromVersion ||
      entry.version !== group.toVersion
    ) {
      problems.push(
        `key ${idempotencyKey}: record says ${entry.accountId}@${entry.fromVersion}-${entry.version}, events ${range}`,
      );
    }
  }
}

/** The hash chain of every stream that changed verifies from its first event. */
export async function checkHashChains(
  store: TransactionalEventStore,
  streams: Iterable<string>,
  problems: string[],
): Promise<number> {
  let checked = 0;
  for (const streamId of streams) {
    const result = await verifyStream(streamId, await store.readStream(streamId));
    checked++;
    if (!result.ok)
      problems.push(`${streamId}: hash chain broken at ${JSON.stringify(result.firstBad)}`);
  }
  return checked;
}
