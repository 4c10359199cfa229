/**
 * The statements of one store, with its schema spliced in (validated by assertSchemaName).
 *
 * ## Why reading in global order never skips an event
 *
 * `seq` alone cannot be the global order: it is taken at INSERT, not at COMMIT. If T1 takes
 * seq 10 and T2 seq 11, and T2 commits first, a reader that went past 11 would never see 10.
 *
 * So every row also stores the id of the transaction that wrote it (`transaction_id`,
 * `pg_current_xact_id()`), the global order is `(transaction_id, seq)`, and a position is
 * `{ commit: transaction_id, prepare: seq }`. Readers only return rows whose
 * `transaction_id` is below `pg_snapshot_xmin(pg_current_snapshot())`, the oldest
 * transaction still running when the read's snapshot was taken:
 *
 * - every transaction with an id below that horizon has ended, so its rows are either all
 *   visible to the read (committed) or gone for good (rolled back);
 * - every transaction that can still write gets or has an id at or above the horizon,
 *   so no row can ever appear below it later.
 *
 * Everything below the horizon is therefore final, and a reader that returns it in
 * `(transaction_id, seq)` order and resumes strictly after its last position cannot pass
 * over a row that has yet to commit. A transaction that commits late holds the horizon
 * back until it ends; then its rows and those behind it are read, in order. The price:
 * while any transaction that has written something is open anywhere on the server (this
 * database or another; an idle-in-transaction session counts), events committed after it
 * started are held back from `readAll`, `headPosition` and subscriptions — delayed, never
 * lost. Reading one stream (`readStream`) needs no horizon: the stream row lock already
 * orders a stream's appends by commit.
 */
export function postgresSql(schema: string) {
  const events = `"${schema}".events`;
  const streams = `"${schema}".streams`;
  // Positions leave as text (xid8 and bigint have no exact JS number type). The table is
  // aliased so that ORDER BY and WHERE name the columns, not these text aliases.
  const columns = `e.seq::text AS seq, e.transaction_id::text AS transaction_id,
    e.event_id::text AS event_id, e.stream_id, e.version, e.type, e.schema_version,
    e.data, e.metadata`;
  const horizon = 'e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())';
  const streamRead = (range: string, order: string) => `SELECT ${columns} FROM ${streams} s
    LEFT JOIN LATERAL (SELECT * FROM ${events} e WHERE e.stream_id = s.stream_id AND ${range}
      ORDER BY ${order} LIMIT $3) e ON true
    WHERE s.stream_id = $1 ORDER BY ${order}`;
  return {
    readAll: `SELECT ${columns} FROM ${events} e
      WHERE (e.transaction_id, e.seq) > ($1::xid8, $2::bigint) AND ${horizon}
      ORDER BY e.transaction_id, e.seq LIMIT $3`,
    /** readAll's rows and order, with only what a Merkle leaf commits to. */
    readLeafSources: `SELECT e.seq::text AS seq, e.transaction_id::text AS transaction_id,
        e.stream_id, e.version, e.metadata->>'hash' AS hash FROM ${events} e
      WHERE (e.transaction_id, e.seq) > ($1::xid8, $2::bigint) AND ${horizon}
      ORDER BY e.transaction_id, e.seq LIMIT $3`,
    head: `SELECT e.seq::text AS seq, e.transaction_id::text AS transaction_id FROM ${events} e
      WHERE ${horizon} ORDER BY e.transaction_id DESC, e.seq DESC LIMIT 1`,
    /**
     * A stream's events from a version on, and whether the stream exists, in one round
     * trip: no row at all when it does not, one row of NULLs when it has no event in the
     * range (a caught-up reader's usual answer).
     */
    readForwards: streamRead('e.version >= $2', 'e.version'),
    readBackwards: streamRead('e.version <= $2', 'e.version DESC'),
    /** The tip without a lock, with the position of the stream's last event. */
    streamTip: `SELECT s.version, e.seq::text AS seq, e.transaction_id::text AS transaction_id
      FROM ${streams} s
      LEFT JOIN ${events} e ON e.stream_id = s.stream_id AND e.version = s.version
      WHERE s.stream_id = $1`,
    lockStream: `SELECT version, last_hash FROM ${streams} WHERE stream_id = $1 FOR UPDATE`,
    /** Creates and thereby locks a new stream's row; no row back when it already exists. */
    createStream: `INSERT INTO ${streams} (stream_id, version, last_hash) VALUES ($1, 0, $2)
      ON CONFLICT (stream_id) DO NOTHING RETURNING version, last_hash`,
    /**
     * Inserts a batch (arrays: ids, versions, types, schema versions, data, metadata), moves
     * the stream's tip and notifies listeners; NOTIFY is delivered when the transaction
     * commits, so a subscriber held back by this transaction is woken when it ends.
     */
    appendEvents: `WITH appended AS (
        INSERT INTO ${events} (event_id, stream_id, version, type, schema_version, data, metadata)
        SELECT e.event_id, $1, e.version, e.type, e.schema_version, e.data, e.metadata
        FROM unnest($2::uuid[], $3::integer[], $4::text[], $5::integer[], $6::json[], $7::json[])
          AS e(event_id, version, type, schema_version, data, metadata)
        ORDER BY e.version
        RETURNING version, seq, transaction_id
      ), tip AS (
        UPDATE ${streams} SET version = $8, last_hash = $9 WHERE stream_id = $1
      ), notified AS (
        SELECT pg_notify($10, '')
      )
      SELECT a.version, a.seq::text AS seq, a.transaction_id::text AS transaction_id
      FROM appended a, notified ORDER BY a.version`,
  };
}

export type PostgresSql = ReturnType<typeof postgresSql>;
