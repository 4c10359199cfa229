/**
 * A checkpoint in the store-wide order of events.
 *
 * Two numbers so that every adapter fits without changing the port:
 * SQLite and the in-memory store use one sequence (commit = prepare = sequence);
 * PostgreSQL orders by (transaction id, sequence) so that readers never skip a
 * transaction that commits late; EventStoreDB has its own commit/prepare pair.
 * Positions are compared commit first, then prepare.
 */
export interface Position {
  readonly commit: bigint;
  readonly prepare: bigint;
}

/** The checkpoint before the first event: reading after it reads everything. */
export const START: Position = Object.freeze({ commit: 0n, prepare: 0n });

export function position(commit: bigint, prepare: bigint = commit): Position {
  return { commit, prepare };
}

export function comparePositions(a: Position, b: Position): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

/** `"42"` when both halves agree, `"commit/prepare"` otherwise; stable for storage and URLs. */
export function formatPosition(p: Position): string {
  return p.commit === p.prepare ? p.commit.toString() : `${p.commit}/${p.prepare}`;
}

const POSITION_PATTERN = /^(\d{1,20})(?:\/(\d{1,20}))?$/;

/** Parses what {@link formatPosition} wrote; returns undefined for anything else. */
export function parsePosition(text: string): Position | undefined {
  const match = POSITION_PATTERN.exec(text.trim());
  if (!match) return undefined;
  const commit = BigInt(match[1]!);
  return { commit, prepare: match[2] === undefined ? commit : BigInt(match[2]) };
}
