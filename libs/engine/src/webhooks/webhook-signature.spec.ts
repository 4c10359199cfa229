import { execFileSync } from 'node:child_process';
import { signWebhook, verifyWebhookSignature } from './webhook-signature';

/** HMAC-SHA256 computed by OpenSSL, not by node:crypto: an independent implementation. */
function opensslHmac(secret: string, payload: string): string {
  const out = execFileSync('openssl', ['dgst', '-sha256', '-hmac', secret], {
    input: payload,
  }).toString();
  return /([0-9a-f]{64})\s*$/.exec(out.trim())![1]!;
}

const body = '{"id":"evt_1","type":"RefundApproved","data":{"amount":1200,"note":"退款"}}';
const at = new Date('2026-03-01T10:00:00.000Z');
const t = at.getTime() / 1000;

describe('webhook signatures (Stripe-style t=…,v1=…)', () => {
  it('signs HMAC-SHA256 over `t.body`, as OpenSSL computes it', () => {
    const header = signWebhook(body, ['whsec_current'], at);
    expect(header).toBe(`t=${t},v1=${opensslHmac('whsec_current', `${t}.${body}`)}`);
  });

  it('carries one v1 per secret while a secret is rotated', () => {
    const header = signWebhook(body, ['whsec_new', 'whsec_old'], at);
    expect(header.split(',')).toEqual([
      `t=${t}`,
      `v1=${opensslHmac('whsec_new', `${t}.${body}`)}`,
      `v1=${opensslHmac('whsec_old', `${t}.${body}`)}`,
    ]);
    // A receiver that only knows the old secret, and one that only knows the new one.
    expect(verifyWebhookSignature(header, body, ['whsec_old'], { now: at }).valid).toBe(true);
    expect(verifyWebhookSignature(header, body, ['whsec_new'], { now: at }).valid).toBe(true);
    expect(verifyWebhookSignature(header, body, ['whsec_other'], { now: at })).toEqual({
      valid: false,
      reason: 'mismatch',
    });
  });

  it('accepts a header built by hand from OpenSSL, with unknown schemes ignored', () => {
    const header = `t=${t},v0=abc,v1=${'0'.repeat(64)},v1=${opensslHmac('s3cret', `${t}.${body}`)}`;
    expect(verifyWebhookSignature(header, Buffer.from(body), ['s3cret'], { now: at })).toEqual({
      valid: true,
      timestamp: t,
    });
  });

  it('refuses a timestamp outside the tolerance, either way, even with a valid signature', () => {
    const header = signWebhook(body, ['s'], at);
    const later = (s: number) => new Date(at.getTime() + s * 1000);
    expect(verifyWebhookSignature(header, body, ['s'], { now: later(300) }).valid).toBe(true);
    expect(verifyWebhookSignature(header, body, ['s'], { now: later(301) })).toEqual({
      valid: false,
      reason: 'stale',
    });
    expect(verifyWebhookSignature(header, body, ['s'], { now: later(-301) }).valid).toBe(false);
    expect(
      verifyWebhookSignature(header, body, ['s'], { now: later(1000), toleranceSeconds: 1000 })
        .valid,
    ).toBe(true);
  });

  it('refuses a changed body, a re-signed timestamp and malformed headers', () => {
    const header = signWebhook(body, ['s'], at);
    expect(verifyWebhookSignature(header, `${body} `, ['s'], { now: at }).valid).toBe(false);
    const moved = header.replace(`t=${t}`, `t=${t + 1}`);
    expect(verifyWebhookSignature(moved, body, ['s'], { now: at }).valid).toBe(false);
    for (const bad of [undefined, '', 'v1=ab', `t=${t}`, `t=x,v1=${'a'.repeat(64)}`, 'garbage']) {
      expect(verifyWebhookSignature(bad, body, ['s'], { now: at }).valid).toBe(false);
    }
    expect(verifyWebhookSignature(`t=${t},v1=zz`, body, ['s'], { now: at })).toEqual({
      valid: false,
      reason: 'no-signature',
    });
  });
});
