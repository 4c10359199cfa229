import { position, type Position, type SqlStatement } from '@account-ops/event-store';
import type { SqlRow } from '../read-model-reader';

/** Inline: updated in each append's transaction (SQLite). Async: by a background projector. */
export type ProjectionMode = 'inline' | 'async';

/** How far one projection has got, as stored beside its rows. */
export interface Checkpoint {
  readonly name: string;
  /** The projection version the rows were built with. */
  readonly version: number;
  readonly mode: ProjectionMode;
  /** Every event up to and including this position is in the rows; none after it. */
  readonly position: Position;
  readonly eventsApplied: number;
  readonly updatedAt: string;
}

export const CHECKPOINT_TABLE = 'projection_checkpoints';

export const CREATE_CHECKPOINT_TABLE = `CREATE TABLE IF NOT EXISTS ${CHECKPOINT_TABLE} (
  name             TEXT    PRIMARY KEY,
  version          INTEGER NOT NULL,
  mode             TEXT    NOT NULL,
  position_commit  BIGINT  NOT NULL,
  position_prepare BIGINT  NOT NULL,
  events_applied   BIGINT  NOT NULL,
  updated_at       TEXT    NOT NULL
)`;

// Positions go out as text: PostgreSQL returns BIGINT as text anyway, and SQLite numbers
// would lose precision past 2^53.
const SELECT = `SELECT name, version, mode, CAST(position_commit AS TEXT) AS position_commit,
  CAST(position_prepare AS TEXT) AS position_prepare, events_applied, updated_at
  FROM ${CHECKPOINT_TABLE}`;

export const SELECT_CHECKPOINTS = `${SELECT} ORDER BY name`;
export const SELECT_CHECKPOINT = `${SELECT} WHERE name = ?`;
/** The checkpoints of `count` names, given as that many parameters. */
export const selectNamedCheckpoints = (count: number): string =>
  `${SELECT} WHERE name IN (${Array.from({ length: count }, () => '?').join(', ')})`;

export function toCheckpoint(row: SqlRow): Checkpoint {
  return {
    name: String(row['name']),
    version: Number(row['version']),
    mode: row['mode'] === 'inline' ? 'inline' : 'async',
    position: position(
      BigInt(String(row['position_commit'])),
      BigInt(String(row['position_prepare'])),
    ),
    eventsApplied: Number(row['events_applied']),
    updatedAt: String(row['updated_at']),
  };
}

/** A new projection starts at the beginning, in async mode, until something switches it. */
export function insertCheckpoint(name: string, version: number, now: Date): SqlStatement {
  return {
    sql: `INSERT INTO ${CHECKPOINT_TABLE} (name, version, mode, position_commit, position_prepare,
            events_applied, updated_at) VALUES (?, ?, 'async', 0, 0, 0, ?)
          ON CONFLICT (name) DO NOTHING`,
    params: [name, version, now.toISOString()],
  };
}

/** Moves the checkpoint forward past `applied` more events. */
export function advanceCheckpoint(
  name: string,
  to: Position,
  applied: number,
  now: Date,
): SqlStatement {
  return {
    sql: `UPDATE ${CHECKPOINT_TABLE} SET position_commit = ?, position_prepare = ?,
            events_applied = events_applied + ?, updated_at = ? WHERE name = ?`,
    params: [to.commit, to.prepare, applied, now.toISOString(), name],
  };
}

/** Moves several checkpoints to one position at once (inline: every projection saw the append). */
export function advanceCheckpoints(
  names: readonly string[],
  to: Position,
  applied: number,
  now: Date,
): SqlStatement {
  return {
    sql: `UPDATE ${CHECKPOINT_TABLE} SET position_commit = ?, position_prepare = ?,
            events_applied = events_applied + ?, updated_at = ?
          WHERE name IN (${names.map(() => '?').join(', ')})`,
    params: [to.commit, to.prepare, applied, now.toISOString(), ...names],
  };
}

/** After a rebuild: the swapped-in rows reflect exactly `applied` events up to `to`. */
export function resetCheckpoint(
  name: string,
  version: number,
  to: Position,
  applied: number,
  now: Date,
): SqlStatement {
  return {
    sql: `UPDATE ${CHECKPOINT_TABLE} SET version = ?, position_commit = ?, position_prepare = ?,
            events_applied = ?, updated_at = ? WHERE name = ?`,
    params: [version, to.commit, to.prepare, applied, now.toISOString(), name],
  };
}

export function setMode(name: string, mode: ProjectionMode, now: Date): SqlStatement {
  return {
    sql: `UPDATE ${CHECKPOINT_TABLE} SET mode = ?, updated_at = ? WHERE name = ?`,
    params: [mode, now.toISOString(), name],
  };
}
