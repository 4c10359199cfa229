import { parsePosition, type Position } from '@account-ops/event-store';
import { InvalidArgumentError } from 'commander';

// Commander reports an InvalidArgumentError as a usage error naming the option (exit 2).

/** A positive safe integer (versions, batch sizes). */
export function positiveInteger(text: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < 1) {
    throw new InvalidArgumentError('must be a positive integer');
  }
  return value;
}

/** An ISO-8601 instant with a date and time, e.g. 2026-01-31T23:59:59Z. */
export function isoInstant(text: string): Date {
  const ms = Date.parse(text);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text.trim()) || Number.isNaN(ms)) {
    throw new InvalidArgumentError('must be an ISO-8601 instant, e.g. 2026-01-31T23:59:59Z');
  }
  return new Date(ms);
}

/** A global position as `formatPosition` prints it: `42` or `commit/prepare`. */
export function storePosition(text: string): Position {
  const position = parsePosition(text);
  if (!position) throw new InvalidArgumentError('must be a position such as 42 (or 42/41)');
  return position;
}

/** A SHA-256 in hex, with or without a `sha256:` prefix; returned lower case. */
export function sha256Hex(text: string): string {
  const hex = text
    .trim()
    .replace(/^sha256:/i, '')
    .toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new InvalidArgumentError('must be 64 hex digits');
  return hex;
}
