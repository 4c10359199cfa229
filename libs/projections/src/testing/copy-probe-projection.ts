import type { RecordedEvent } from '@account-ops/event-store';
import { sqlPerTable, tableOf, type Projection } from '../projection';

/** Text with every character COPY's text format gives a meaning, and a lone `\N`. */
export const AWKWARD_TEXT = 'tab\there, line\nbreak, return\r, back\\slash, \\N, «ünï»';

/** 2^60: past a double's exact integers, inside BIGINT. */
export const BIG = 1_152_921_504_606_846_976n;

const insertSql = sqlPerTable(
  (table) => `INSERT INTO ${table} (row_id, note, big, small, missing) VALUES (?, ?, ?, ?, NULL)`,
);
const forgetSql = sqlPerTable((table) => `DELETE FROM ${table} WHERE row_id = ?`);

/**
 * A projection for the bulk load's edge cases: one row per event with awkward text, a
 * BIGINT past 2^53 (passed as decimal text, which both databases store as the integer),
 * an INTEGER and a NULL; the row of every event whose version is a multiple of 3 is deleted again by the
 * stream's next event, so
 * the staged table has gaps. Pure: a row's key is its stream and version. `small` is the event's version times `smallFactor`: a factor
 * that overflows PostgreSQL's 32-bit INTEGER (SQLite's are 64-bit) makes the load fail.
 */
export function copyProbeProjection(smallFactor = 1): Projection {
  return {
    name: 'copy_probe',
    version: 1,
    tables: [
      {
        name: 'copy_probe',
        columns:
          'row_id TEXT PRIMARY KEY, note TEXT NOT NULL, big BIGINT NOT NULL, small INTEGER NOT NULL, missing TEXT',
      },
    ],
    apply(event: RecordedEvent, tables) {
      const table = tableOf(tables, 'copy_probe');
      const n = Number(event.globalPosition.commit);
      const statements = [
        {
          sql: insertSql(table),
          params: [
            `${event.streamId}/${event.version}`,
            `${AWKWARD_TEXT} #${n}`,
            (BIG + BigInt(n)).toString(),
            event.version * smallFactor,
          ],
        },
      ];
      if (event.version % 3 === 1 && event.version > 1) {
        statements.push({
          sql: forgetSql(table),
          params: [`${event.streamId}/${event.version - 1}`],
        });
      }
      return statements;
    },
  };
}
