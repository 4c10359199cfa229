import type { Clock } from '@account-ops/engine';

/**
 * Domain time = T0 + (real now − R0) × factor. The driver fixes T0, R0 and the factor once
 * and hands them to every child it starts, so domain time keeps moving forward across
 * restarts (a restarted child never sees an earlier instant) and the driver can compute
 * the same "now" to know which deadlines must have come due. Accelerated, so the refund
 * SLA and the retention window pass within seconds of real time, without sleeps.
 */
export interface ClockSpec {
  /** Domain time at R0, epoch ms. */
  readonly t0: number;
  /** Real time (Date.now()) at which domain time is T0. */
  readonly r0: number;
  /** Domain milliseconds per real millisecond. */
  readonly factor: number;
}

export function acceleratedClock(spec: ClockSpec): Clock {
  return { now: () => new Date(spec.t0 + (Date.now() - spec.r0) * spec.factor) };
}

export function clockToEnv(spec: ClockSpec): string {
  return JSON.stringify(spec);
}

export function clockFromEnv(text: string | undefined): ClockSpec {
  const spec = JSON.parse(text ?? 'null') as ClockSpec | null;
  if (!spec || ![spec.t0, spec.r0, spec.factor].every(Number.isFinite)) {
    throw new Error('the clock spec must hold {t0, r0, factor}');
  }
  return spec;
}
