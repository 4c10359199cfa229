import type { EventStore } from '@account-ops/event-store';
import { EVENT_STORE } from '../../../apps/api/src/app/tokens';
import { EventIndex, groupKey } from '../crash/event-index';
import { REL_ACTORS } from '../harness/actors';
import type { InProcessApi } from '../load/in-process-api';
import type { RecordedRequest } from './request-recorder';
import type { VictimRun } from './victim';

const refused = (status: number) => status === 429 || status === 503;

/**
 * Every write of the flood and of the victim, checked against the store by its actor and
 * Idempotency-Key (the events carry both): a 2xx must have written exactly its account's
 * AccountOpened; a 429 or 503 never retried must have written nothing; a victim write shed
 * and retried must have run once. The index also fails any key that wrote twice.
 */
export async function verifyWrites(
  api: InProcessApi,
  floodWrites: readonly RecordedRequest[],
  victimWrites: Iterable<[string, VictimRun['writes'] extends Map<string, infer W> ? W : never]>,
) {
  const problems: string[] = [];
  const index = new EventIndex(problems);
  await index.catchUp(api.app.get<EventStore>(EVENT_STORE, { strict: false }));
  let lost = 0;
  let writtenDespiteRefusal = 0;
  let shedAndRetried = 0;
  const opened = (actorId: string, key: string, accountId: string) => {
    const group = index.groups.get(groupKey(actorId, key));
    if (!group) return false;
    if (group.streamId !== `account-${accountId}` || group.types.join() !== 'AccountOpened') {
      problems.push(`${key} wrote ${group.types.join()} to ${group.streamId}`);
    }
    return true;
  };
  for (const write of floodWrites) {
    const key = write.idempotencyKey ?? '';
    const written = opened(REL_ACTORS.operator.id, key, key.replace(/^flood-/, 'fl-'));
    if (write.status >= 200 && write.status < 300 && !written) lost++;
    if (refused(write.status) && written) writtenDespiteRefusal++;
  }
  for (const [key, { accountId, statuses }] of victimWrites) {
    const written = opened(REL_ACTORS.admin.id, key, accountId);
    const last = statuses[statuses.length - 1]!;
    if (last >= 200 && last < 300 && !written) lost++;
    if (refused(last) && written) writtenDespiteRefusal++;
    if (statuses.length > 1 && statuses.slice(0, -1).every((s) => s === 503)) shedAndRetried++;
  }
  return { problems, lost, writtenDespiteRefusal, shedAndRetried };
}
