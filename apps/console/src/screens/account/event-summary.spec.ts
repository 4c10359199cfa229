import { describe, expect, it } from '@jest/globals';
import { eventSummary } from './event-summary';

describe('the timeline’s facts of an event', () => {
  it('shows amounts with the event’s currency, then ids and reasons', () => {
    expect(
      eventSummary(
        { refundId: 'rf-1', amount: 12_000, currency: 'EUR', reason: 'technical_issue' },
        'USD',
      ),
    ).toBe('amount €120.00, refundId rf-1, reason technical_issue');
  });

  it('falls back to the account’s currency, and leaves out what is not a fact', () => {
    expect(eventSummary({ topUpId: 'tu-1', amount: 500, ownerName: 'x' }, 'JPY')).toBe(
      'amount ¥500, topUpId tu-1',
    );
    expect(eventSummary({ note: 'n' }, 'EUR')).toBe('');
  });
});

describe('eventSummary of sealed free text', () => {
  it('leaves out a reason stored sealed (someone’s words), keeps a reason code', () => {
    const sealed = 'enc:v1:aXY.Ym9keQ.dGFn';
    expect(eventSummary({ refundId: 'r1', reason: sealed }, 'EUR')).toBe('refundId r1');
    expect(eventSummary({ reason: 'manual' }, 'EUR')).toBe('reason manual');
  });
});
