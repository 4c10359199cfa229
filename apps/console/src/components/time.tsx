import { formatInstant, slaState } from '../format/time';

export function Instant({ iso }: { iso: string | null | undefined }) {
  return iso ? <time dateTime={iso}>{formatInstant(iso)}</time> : <span>—</span>;
}

/** A deadline counting down, or marked overdue. */
export function Deadline({ iso, now }: { iso: string; now: number }) {
  const sla = slaState(iso, now);
  return (
    <span className={sla.overdue ? 'sla sla-overdue' : 'sla'} title={formatInstant(iso)}>
      {sla.overdue ? <strong>Overdue</strong> : null} {sla.label}
    </span>
  );
}
