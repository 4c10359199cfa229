import { createHash } from 'node:crypto';

/**
 * An id for an entity the caller did not name, derived from the actor and the
 * Idempotency-Key: a retry of the same request gets the same id (and so replays), where a
 * random id would make every retry a different command.
 */
export function derivedId(prefix: string, actorId: string, idempotencyKey: string): string {
  const digest = createHash('sha256')
    .update(`${prefix}\n${actorId}\n${idempotencyKey}`)
    .digest('hex');
  return `${prefix}-${digest.slice(0, 24)}`;
}
