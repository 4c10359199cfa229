import type { RecordedEvent } from '@account-ops/event-store';
import type { Projection } from '../projection';

/**
 * `base` (or a projection without tables), except that on a matching event (in its batch
 * fold: a page holding one) it adds a statement the database refuses: the failure comes from inside the transaction, after
 * the batch's earlier statements ran.
 */
export function failingOn(
  matches: (event: RecordedEvent) => boolean,
  base?: Projection,
): Projection {
  const inner: Projection = base ?? { name: 'failing', version: 1, tables: [], apply: () => [] };
  const refused = [{ sql: 'INSERT INTO no_such_table VALUES (1)', params: [] }];
  const { applyPage } = inner;
  return {
    ...inner,
    apply: (event, tables) => [...inner.apply(event, tables), ...(matches(event) ? refused : [])],
    // The rebuilds apply pages through the batch fold: it must fail there too.
    ...(applyPage
      ? {
          applyPage: (events, tables) => [
            ...applyPage(events, tables),
            ...(events.some(matches) ? refused : []),
          ],
        }
      : {}),
  };
}

/**
 * Matches the error of {@link failingOn}'s statement. By message, not class: better-sqlite3
 * builds its errors with the SqliteError class of the first test file that opened a
 * database in this jest worker, so in later files they are not `instanceof Error` of that
 * file's realm and `rejects.toThrow` would report that nothing was thrown.
 */
export const REFUSED_BY_FAILING_PROJECTION = {
  message: expect.stringMatching(/no such table: no_such_table/),
};
