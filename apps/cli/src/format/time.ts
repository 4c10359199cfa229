/** Elapsed time for summaries: `0.042 s`, `12.3 s`, `4 min 05 s`. */
export function formatElapsed(ms: number): string {
  if (ms < 1000) return `${(ms / 1000).toFixed(3)} s`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}

/** A duration in its two largest units: `45 s`, `3 min 20 s`, `2 h 05 min`, `4 d 3 h`. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.floor(Math.abs(ms) / 1000));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  if (s < 86_400)
    return `${Math.floor(s / 3600)} h ${String(Math.floor(s / 60) % 60).padStart(2, '0')} min`;
  return `${Math.floor(s / 86_400)} d ${Math.floor(s / 3600) % 24} h`;
}

/** Lag in seconds for the status table: one decimal below a minute, whole seconds above. */
export function formatLagSeconds(seconds: number): string {
  return seconds < 60 ? seconds.toFixed(1) : String(Math.round(seconds));
}
