import type { EventStore } from '@account-ops/event-store';
import { EVENT_STORE } from '../../../apps/api/src/app/tokens';
import { EventIndex, groupKey } from '../crash/event-index';
import { REL_ACTORS } from '../harness/actors';
import { send, type Response } from '../harness/http';
import type { InProcessApi } from '../load/in-process-api';
import { FLOOD_ACCOUNT } from './flood-body';

/**
 * Sends refused flood writes again, each under its own Idempotency-Key and body, once the
 * flood is over: the first retry must run it (201, not a replay), the second must replay
 * it (201, `Idempotent-Replayed`), and the store must hold its AccountOpened exactly once.
 * A 429 or 503 on the way (the key's limit still applies; the flood's last requests may
 * still be draining) is waited out as `Retry-After` says, as a client would: what must hold
 * is that the command runs once however often it is sent.
 */
export async function retryRefused(api: InProcessApi, keys: readonly string[]) {
  const problems: string[] = [];
  const sendOnce = async (key: string): Promise<Response> => {
    for (;;) {
      const response = await send(api.baseUrl, {
        method: 'POST',
        path: '/accounts',
        actor: 'operator',
        body: FLOOD_ACCOUNT(key.replace(/^flood-/, 'fl-')),
        idempotencyKey: key,
      });
      if (response.status !== 429 && response.status !== 503) return response;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  };
  for (const key of keys) {
    const first = await sendOnce(key);
    const second = await sendOnce(key);
    if (first.status !== 201 || first.replayed) problems.push(`${key}: retry got ${first.status}`);
    if (second.status !== 201 || !second.replayed || second.text !== first.text) {
      problems.push(`${key}: second retry was not a replay (${second.status})`);
    }
  }
  const index = new EventIndex(problems);
  await index.catchUp(api.app.get<EventStore>(EVENT_STORE, { strict: false }));
  for (const key of keys) {
    const group = index.groups.get(groupKey(REL_ACTORS.operator.id, key));
    if (group?.types.join() !== 'AccountOpened')
      problems.push(`${key}: ran ${group?.types.join()}`);
  }
  return { retried: keys.length, problems };
}
