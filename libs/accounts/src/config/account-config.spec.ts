import { DEFAULT_ACCOUNT_CONFIG, InvalidAccountConfig, accountConfig } from './account-config';

describe('account configuration (SPEC Defaults)', () => {
  it('defaults to the SPEC table', () => {
    expect(accountConfig()).toEqual({
      topUpSingleMax: 5_000_000,
      topUpDailyMax: 20_000_000,
      topUpStepUpAbove: 1_000_000,
      refundTwoApproversAbove: 500_000,
      refundApprovalStepUpAbove: null,
      refundApprovalSlaHours: 72,
      failedLoginThreshold: 5,
      failedLoginWindowMinutes: 15,
      retentionDays: 30,
      cardChangePayoutHoldHours: 24,
      snapshotEvery: 100,
    });
    expect(DEFAULT_ACCOUNT_CONFIG).toEqual(accountConfig());
  });

  it('overrides any setting and keeps the rest', () => {
    expect(accountConfig({ retentionDays: 7 })).toMatchObject({
      retentionDays: 7,
      refundApprovalSlaHours: 72,
    });
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses %s as a limit', (value) => {
    expect(() => accountConfig({ topUpDailyMax: value })).toThrow(InvalidAccountConfig);
  });

  it('refundApprovalStepUpAbove is off (null), 0 (every approval) or a threshold; never negative or fractional', () => {
    expect(accountConfig({ refundApprovalStepUpAbove: 0 }).refundApprovalStepUpAbove).toBe(0);
    expect(accountConfig({ refundApprovalStepUpAbove: 10 }).refundApprovalStepUpAbove).toBe(10);
    for (const value of [-1, 1.5, Number.NaN]) {
      expect(() => accountConfig({ refundApprovalStepUpAbove: value })).toThrow(
        /refundApprovalStepUpAbove must be null \(off\) or a non-negative safe integer/,
      );
    }
  });
});
