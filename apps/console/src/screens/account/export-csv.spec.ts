import { describe, expect, it } from '@jest/globals';
import { eventsCsv, type ExportedEvent } from './export-csv';

const event = (version: number, type: string, data: Record<string, unknown>): ExportedEvent => ({
  eventId: `ev-${version}`,
  version,
  type,
  data,
  metadata: {
    actor: { id: 'op-1', roles: ['operator'] },
    occurredAt: '2026-03-02T09:00:00Z',
    hash: `h${version}`,
  },
});

describe('the CSV export of the events', () => {
  it('has a header, one CRLF row per event, amounts with their currency, quoted cells', () => {
    const csv = eventsCsv(
      [
        event(1, 'AccountOpened', { currency: 'EUR', ownerName: 'enc:xyz' }),
        event(2, 'RefundRequested', {
          refundId: 'rf-1',
          amount: 12_000,
          reason: 'said "no", twice',
        }),
      ],
      'EUR',
    );
    expect(csv.split('\r\n')).toEqual([
      'version,occurredAt,type,actor,roles,amount,currency,refundId,topUpId,reason,eventId,hash',
      '1,2026-03-02T09:00:00Z,AccountOpened,op-1,operator,,,,,,ev-1,h1',
      '2,2026-03-02T09:00:00Z,RefundRequested,op-1,operator,12000,EUR,rf-1,,"said ""no"", twice",ev-2,h2',
      '',
    ]);
    expect(csv).not.toContain('enc:xyz');
  });
});
