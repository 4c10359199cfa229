import { renderFreeText } from './keys';

describe('keys free-text report', () => {
  it('says when every personal field is sealed', () => {
    expect(
      renderFreeText({
        eventsScanned: 42,
        eventsInClear: 0,
        byField: {},
        accounts: 0,
        closedAccounts: 0,
        closed: [],
      }),
    ).toBe('42 events scanned: every personal field is sealed');
  });

  it('counts what is in clear, by field, and how many of those accounts are closed', () => {
    expect(
      renderFreeText({
        eventsScanned: 1204,
        eventsInClear: 3,
        byField: { 'RefundRejected.reason': 1, 'FreezeApplied.note': 2 },
        accounts: 2,
        closedAccounts: 1,
        closed: ['acc-9'],
      }).split('\n'),
    ).toEqual([
      '1,204 events scanned: 3 hold personal fields in clear (written before they were sealed), in 2 accounts, 1 of them closed',
      '  FreezeApplied.note: 2',
      '  RefundRejected.reason: 1',
      'reads show them as [erased] once the account is closed; the log keeps them (docs/operations.md, "Free text written before it was sealed")',
    ]);
  });
});
