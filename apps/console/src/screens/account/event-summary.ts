/** The facts of an event worth a glance in the timeline (never encrypted personal fields). */
const SHOWN = ['refundId', 'topUpId', 'reason', 'method', 'approval', 'cardLast4'] as const;

export function eventSummary(data: Readonly<Record<string, unknown>>): string {
  return SHOWN.filter((key) => typeof data[key] === 'string' || typeof data[key] === 'number')
    .map((key) => `${key} ${String(data[key])}`)
    .join(', ');
}
