/**
 * Time arithmetic on ISO-8601 instants. Pure: every instant comes from the caller
 * (`context.now` or an event), nothing here reads the clock.
 */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/**
 * The canonical form (`toISOString`, millisecond precision, `Z`) of a UTC instant, or
 * null. Canonical instants compare correctly as strings, which evolve relies on.
 */
export function canonicalInstant(value: unknown): string | null {
  if (typeof value !== 'string' || !ISO_INSTANT.test(value)) return null;
  const ms = Date.parse(value);
  if (!Number.isFinite(ms)) return null;
  const canonical = new Date(ms).toISOString();
  // Date.parse rolls 2025-02-30 over to March; a round trip on the date part catches it.
  return canonical.slice(0, 10) === value.slice(0, 10) ? canonical : null;
}

/** Whether `value` is a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    ISO_DATE.test(value) &&
    canonicalInstant(`${value}T00:00:00Z`)?.slice(0, 10) === value
  );
}

export function addHours(instant: string, hours: number): string {
  return new Date(Date.parse(instant) + hours * HOUR_MS).toISOString();
}

export function addMinutes(instant: string, minutes: number): string {
  return new Date(Date.parse(instant) + (minutes * HOUR_MS) / 60).toISOString();
}

export function addDays(instant: string, days: number): string {
  return new Date(Date.parse(instant) + days * DAY_MS).toISOString();
}

/** Days since 1970-01-01 of the UTC calendar day an instant or `YYYY-MM-DD` date falls on. */
export function utcDayNumber(instantOrDate: string): number {
  return Math.floor(Date.parse(instantOrDate.slice(0, 10) + 'T00:00:00Z') / DAY_MS);
}

export function dateOfDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Whether two instants fall on the same UTC calendar day. */
export function sameUtcDay(a: string, b: string): boolean {
  return a.slice(0, 10) === b.slice(0, 10);
}
