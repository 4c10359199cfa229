/** `2 d 5 h`, `3 h 12 min`, `4 min 9 s`, `12 s`: two units at most, for ages and countdowns. */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (d > 0) return h > 0 ? `${d} d ${h} h` : `${d} d`;
  if (h > 0) return m > 0 ? `${h} h ${m} min` : `${h} h`;
  if (m > 0) return sec > 0 ? `${m} min ${sec} s` : `${m} min`;
  return `${sec} s`;
}

export interface SlaState {
  readonly overdue: boolean;
  /** Seconds left, or seconds overdue. */
  readonly seconds: number;
  readonly label: string;
}

/** Where a deadline stands at `nowMs`: `due in 2 d 23 h` or `overdue by 5 min`. */
export function slaState(deadlineIso: string, nowMs: number): SlaState {
  const left = Math.floor((Date.parse(deadlineIso) - nowMs) / 1000);
  if (left <= 0) {
    return { overdue: true, seconds: -left, label: `overdue by ${formatDuration(-left)}` };
  }
  return { overdue: false, seconds: left, label: `due in ${formatDuration(left)}` };
}

/** An instant in the reader's time zone, with the zone named: `2 Mar 2026, 09:00 UTC`. */
export function formatInstant(iso: string | null | undefined, locale?: string): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(date);
}
