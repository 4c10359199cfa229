/** One stored event as the export lists it (`GET /accounts/:id/export`, `events[]`). */
export interface ExportedEvent {
  readonly eventId: string;
  readonly version: number;
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly metadata: {
    readonly actor: { readonly id: string; readonly roles: readonly string[] };
    readonly occurredAt: string;
    readonly hash: string;
  };
}

const COLUMNS = [
  'version',
  'occurredAt',
  'type',
  'actor',
  'roles',
  'amount',
  'currency',
  'refundId',
  'topUpId',
  'reason',
  'eventId',
  'hash',
] as const;

/** RFC 4180: quoted when it holds a comma, a quote or a line break; quotes doubled. */
function cell(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The export's events as CSV (RFC 4180, CRLF line ends), one row per event: when, what,
 * who, the amount in minor units with its currency, the ids, the hash. Personal fields
 * are not columns: the CSV is for spreadsheets, the JSON export is the record.
 */
export function eventsCsv(events: readonly ExportedEvent[], accountCurrency: string): string {
  const rows = events.map((e) => {
    const d = e.data;
    return [
      e.version,
      e.metadata.occurredAt,
      e.type,
      e.metadata.actor.id,
      e.metadata.actor.roles.join('|'),
      typeof d.amount === 'number' ? d.amount : '',
      typeof d.amount === 'number'
        ? typeof d.currency === 'string'
          ? d.currency
          : accountCurrency
        : '',
      d.refundId,
      d.topUpId,
      typeof d.reason === 'string' ? d.reason : '',
      e.eventId,
      e.metadata.hash,
    ]
      .map(cell)
      .join(',');
  });
  return [COLUMNS.join(','), ...rows].join('\r\n') + '\r\n';
}
