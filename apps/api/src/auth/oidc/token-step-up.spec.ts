import { reauthenticationHints, tokenStepUp } from './token-step-up';

const policy = { maxAgeSeconds: 300, acr: ['urn:bank:mfa'], amr: ['mfa', 'hwk'] };
const at = (iso: string) => new Date(iso);
const authTime = Date.parse('2026-05-01T10:00:00Z') / 1000;
const person = (facts: { acr?: string; amr?: string[]; authTime?: number }) =>
  ({ method: 'oidc', ...facts }) as const;

describe('a token as the second factor', () => {
  it('counts with MFA shown by amr or acr, up to max age after auth_time', () => {
    const byAmr = person({ amr: ['pwd', 'hwk'], authTime });
    expect(tokenStepUp(byAmr, policy, at('2026-05-01T10:05:00Z'))).toEqual({
      verified: true,
      freshUntil: at('2026-05-01T10:05:00Z'),
    });
    expect(tokenStepUp(byAmr, policy, at('2026-05-01T10:05:01Z')).verified).toBe(false);
    const byAcr = person({ acr: 'urn:bank:mfa', authTime });
    expect(tokenStepUp(byAcr, policy, at('2026-05-01T10:01:00Z')).verified).toBe(true);
  });

  it('does not count without MFA, without auth_time, or for an API key', () => {
    const now = at('2026-05-01T10:01:00Z');
    expect(
      tokenStepUp(person({ amr: ['pwd'], acr: 'urn:bank:pwd', authTime }), policy, now),
    ).toEqual({
      verified: false,
    });
    expect(tokenStepUp(person({ amr: ['mfa'] }), policy, now).verified).toBe(false);
    expect(tokenStepUp({ method: 'api_key' }, policy, now).verified).toBe(false);
    expect(tokenStepUp(person({ amr: ['mfa'], authTime }), undefined, now).verified).toBe(false);
  });

  it('tells the client what to re-authenticate with', () => {
    expect(reauthenticationHints(policy)).toEqual({
      max_age: 300,
      prompt: 'login',
      acr_values: 'urn:bank:mfa',
    });
    expect(reauthenticationHints({ ...policy, acr: [] })).toEqual({
      max_age: 300,
      prompt: 'login',
    });
  });
});
