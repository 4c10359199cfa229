import type { Position } from '@account-ops/event-store';

/**
 * Column readers. Drivers disagree on integers: better-sqlite3 returns numbers (or
 * bigints in safe-integer mode), pg returns BIGINT, COUNT and SUM as strings. Every
 * query helper goes through these so a row reads the same from either database.
 */
export function int(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint' || (typeof value === 'string' && value.trim() !== '')) {
    const n = Number(value);
    if (Number.isSafeInteger(n)) return n;
  }
  throw new TypeError(`expected an integer column, got ${String(value)}`);
}

export function intOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : int(value);
}

export function text(value: unknown): string {
  if (typeof value === 'string') return value;
  throw new TypeError(`expected a text column, got ${String(value)}`);
}

export function textOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : text(value);
}

/** A comma-joined list column (ids and roles never contain commas); null or '' is empty. */
export function list(value: unknown): string[] {
  const joined = textOrNull(value);
  return joined ? joined.split(',') : [];
}

function big(value: unknown): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' || typeof value === 'string') return BigInt(value);
  throw new TypeError(`expected a BIGINT column, got ${String(value)}`);
}

/** Positions stay bigints end to end: PostgreSQL transaction ids can pass 2^53. */
export function positionOf(commit: unknown, prepare: unknown): Position {
  return { commit: big(commit), prepare: big(prepare) };
}

/** Whole seconds from an ISO-8601 instant to `now`; computed here, never in SQL. */
export function ageSeconds(since: string, now: Date): number {
  return Math.floor((now.getTime() - Date.parse(since)) / 1000);
}
