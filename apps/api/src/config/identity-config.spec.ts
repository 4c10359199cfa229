import { loadIdentityConfig } from './identity-config';
import { loadApiConfig } from './load-api-config';

const MASTER = `k1:${Buffer.alloc(32, 9).toString('base64')}`;

describe('loadIdentityConfig', () => {
  it('defaults to 10 wrong codes in 15 minutes and leaves the card hold to the domain (24 h)', () => {
    expect(loadIdentityConfig({})).toEqual({
      stepUpLockout: { maxFailures: 10, windowMinutes: 15 },
    });
  });

  it('reads the three settings and hands them to the app through the loader', () => {
    const env = {
      ACCOUNT_OPS_STEP_UP_MAX_FAILURES: '5',
      ACCOUNT_OPS_STEP_UP_LOCKOUT_MINUTES: '30',
      ACCOUNT_OPS_CARD_CHANGE_PAYOUT_HOLD_HOURS: '48',
    };
    expect(loadIdentityConfig(env)).toEqual({
      stepUpLockout: { maxFailures: 5, windowMinutes: 30 },
      cardChangePayoutHoldHours: 48,
    });
    const { options } = loadApiConfig({ ...env, ACCOUNT_OPS_MASTER_KEY: MASTER });
    expect(options.stepUpLockout).toEqual({ maxFailures: 5, windowMinutes: 30 });
    expect(options.accountConfig).toEqual({ cardChangePayoutHoldHours: 48 });
  });

  it.each([
    ['ACCOUNT_OPS_STEP_UP_MAX_FAILURES', '11'],
    ['ACCOUNT_OPS_STEP_UP_MAX_FAILURES', '0'],
    ['ACCOUNT_OPS_STEP_UP_LOCKOUT_MINUTES', '-1'],
    ['ACCOUNT_OPS_CARD_CHANGE_PAYOUT_HOLD_HOURS', '1.5'],
  ])('refuses %s=%s (a lockout or hold cannot be switched off by a typo)', (name, value) => {
    expect(() => loadIdentityConfig({ [name]: value })).toThrow(name);
  });
});
