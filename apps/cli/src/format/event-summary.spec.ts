import { actorLabel, keyData } from './event-summary';

describe('event key data', () => {
  it('shows subject, amount, reason and type-specific facts', () => {
    expect(
      keyData('RefundRequested', {
        refundId: 'r1',
        amount: 4000,
        currency: 'CNY',
        reason: 'duplicate_charge',
        note: null,
        approvalsRequired: 1,
        approvalDeadline: '2025-03-13T09:00:00.000Z',
      }),
    ).toBe(
      'refund r1 · 4000 CNY · reason=duplicate_charge · needs=1 · deadline=2025-03-13T09:00:00.000Z',
    );
    expect(
      keyData('FreezeApplied', { reason: 'manual', note: 'ops check', trigger: 'Freeze' }),
    ).toBe('reason=manual · trigger=Freeze · note="ops check"');
  });

  it('never shows personal fields or the card fingerprint', () => {
    const card = keyData('BankCardChanged', {
      last4: '1111',
      brand: 'visa',
      fingerprint: 'hmac-sha256:abc',
      holderName: 'LI WEI',
      bankName: 'Example Bank',
    });
    expect(card).toBe('card ••1111 · brand=visa · bankName=Example Bank');
    const opened = keyData('AccountOpened', {
      ownerName: 'Li Wei',
      ownerEmail: 'li@example.com',
      currency: 'CNY',
    });
    expect(opened).toBe('currency=CNY');
  });

  it('labels actors with their roles', () => {
    expect(actorLabel({ id: 'ap-1', roles: ['approver', 'admin'] })).toBe('ap-1 (approver,admin)');
    expect(actorLabel({ id: 'x', roles: [] })).toBe('x');
  });
});

describe('keyData of sealed free text', () => {
  it('says [sealed] instead of printing the ciphertext; codes stay readable', () => {
    const sealed = 'enc:v1:aXY.Ym9keQ.dGFn';
    expect(keyData('RefundRejected', { refundId: 'r1', amount: 5, reason: sealed })).toBe(
      'refund r1 · 5 · reason=[sealed]',
    );
    expect(keyData('FreezeApplied', { reason: 'manual', note: sealed, trigger: 'Freeze' })).toBe(
      'reason=manual · trigger=Freeze · note=[sealed]',
    );
  });
});
