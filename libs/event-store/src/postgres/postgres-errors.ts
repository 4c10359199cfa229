import { DuplicateEventId } from '../port/errors';

interface PgError {
  readonly code?: string;
  readonly constraint?: string;
  readonly detail?: string;
}

const UNIQUE_VIOLATION = '23505';

/**
 * Turns the database's refusal of an already-stored event id into the port's error. Two
 * appends racing with one id meet here too: the later one waits on the unique index and
 * fails once the first commits.
 */
export function toEventStoreError(error: unknown, eventIds: readonly string[]): unknown {
  const pg = error as PgError;
  if (pg?.code === UNIQUE_VIOLATION && pg.constraint === 'events_event_id_unique') {
    // detail reads: Key (event_id)=(0190…) already exists.
    const id = /\(event_id\)=\(([0-9a-f-]+)\)/.exec(pg.detail ?? '')?.[1];
    return new DuplicateEventId(id ?? eventIds[0] ?? 'unknown');
  }
  return error;
}
