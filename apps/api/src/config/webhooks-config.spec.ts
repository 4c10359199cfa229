import { ApiConfigError } from './api-config-error';
import { loadWebhooksConfig } from './webhooks-config';

describe('webhook and SMTP settings', () => {
  it('delivers by default, in development outside production, with the engine’s timings', () => {
    expect(loadWebhooksConfig({})).toEqual({ webhooks: { development: true } });
    expect(loadWebhooksConfig({ NODE_ENV: 'production' })).toEqual({
      webhooks: { development: false },
    });
  });

  it('reads the timeout (with a lease well above it), the retry window and the attempts', () => {
    expect(
      loadWebhooksConfig({
        NODE_ENV: 'production',
        ACCOUNT_OPS_WEBHOOK_TIMEOUT_MS: '20000',
        ACCOUNT_OPS_WEBHOOK_RETRY_HOURS: '96',
        ACCOUNT_OPS_WEBHOOK_MAX_ATTEMPTS: '12',
      }),
    ).toEqual({
      webhooks: {
        development: false,
        timeoutMs: 20_000,
        leaseMs: 80_000,
        retryForMs: 96 * 3_600_000,
        maxAttempts: 12,
      },
    });
    expect(loadWebhooksConfig({ ACCOUNT_OPS_WEBHOOKS: 'off' })).toEqual({ webhooks: false });
  });

  it('takes SMTP as a URL and a From address, both or neither', () => {
    expect(
      loadWebhooksConfig({
        ACCOUNT_OPS_SMTP_URL: 'smtps://u:p@smtp.example.com:465',
        ACCOUNT_OPS_SMTP_FROM: 'Ops <noreply@bank.example>',
      }).smtp,
    ).toEqual({ url: 'smtps://u:p@smtp.example.com:465', from: 'Ops <noreply@bank.example>' });
  });

  it.each([
    [{ ACCOUNT_OPS_WEBHOOKS: 'maybe' }, /ACCOUNT_OPS_WEBHOOKS must be on or off/],
    [{ ACCOUNT_OPS_WEBHOOK_TIMEOUT_MS: '0' }, /TIMEOUT_MS must be an integer/],
    [{ ACCOUNT_OPS_WEBHOOK_RETRY_HOURS: '3 days' }, /RETRY_HOURS must be an integer/],
    [{ ACCOUNT_OPS_WEBHOOK_MAX_ATTEMPTS: '-1' }, /MAX_ATTEMPTS must be an integer/],
    [{ ACCOUNT_OPS_SMTP_URL: 'http://mail', ACCOUNT_OPS_SMTP_FROM: 'a@b' }, /smtp:\/\//],
    [{ ACCOUNT_OPS_SMTP_URL: 'smtp://mail:25' }, /ACCOUNT_OPS_SMTP_FROM is required/],
  ])('refuses %j with a clear message', (env, message) => {
    expect(() => loadWebhooksConfig(env)).toThrow(ApiConfigError);
    expect(() => loadWebhooksConfig(env)).toThrow(message);
  });
});
