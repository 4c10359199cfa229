import { RFC_6238_SHA1_VECTORS } from '@account-ops/testing';
import { OPERATOR_TOTP_SECRET } from './support/actors';
import { MASTERCARD, VISA } from './support/seed';
import { BACKENDS, freshId, startTestApi, type TestApi } from './support/test-api';

// The library stays real; one test makes its `verify` throw, as a broken crypto plugin would.
const libraryFailure = { next: false };
jest.mock('otplib', () => {
  const actual = jest.requireActual<typeof import('otplib')>('otplib');
  return {
    ...actual,
    verify: (...args: Parameters<typeof actual.verify>) => {
      if (!libraryFailure.next) return actual.verify(...args);
      libraryFailure.next = false;
      throw new Error(`HMAC failed for ${String(args[0]?.secret)} / ${String(args[0]?.token)}`);
    },
  };
});

const card = (n: number) => ({
  cardNumber: n % 2 === 0 ? VISA : MASTERCARD,
  holderName: 'ADA LOVELACE',
  bankName: 'Example Bank',
});

describe.each(BACKENDS)('step-up codes over HTTP [%s]', (backend) => {
  let t: TestApi;
  beforeAll(async () => {
    t = await startTestApi(backend);
  });
  afterAll(() => t.close());

  async function openAccount(): Promise<string> {
    const id = freshId();
    await t
      .as('operator')
      .post('/accounts', {
        accountId: id,
        ownerName: 'Ada Lovelace',
        ownerEmail: 'ada@example.com',
        currency: 'EUR',
      })
      .expect(201);
    return `/accounts/${id}`;
  }
  const version = async (path: string): Promise<number> =>
    (await t.as('auditor').get(path).expect(200)).body.version;

  // OPERATOR_TOTP_SECRET is RFC 6238's test secret.
  it('accepts the RFC 6238 appendix B codes at their instants, and refuses the wrong ones', async () => {
    t.clock.set(new Date(0));
    const a = await openAccount();
    for (const [n, { unixSeconds, code }] of RFC_6238_SHA1_VECTORS.entries()) {
      t.clock.set(new Date(unixSeconds * 1000));
      const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
      const refused = await t
        .as('operator')
        .put(`${a}/bank-card`, card(n))
        .set('X-Step-Up-Code', wrong);
      expect([refused.status, refused.body.code]).toEqual([403, 'STEP_UP_REQUIRED']);
      const accepted = await t
        .as('operator')
        .put(`${a}/bank-card`, card(n))
        .set('X-Step-Up-Code', code);
      expect([accepted.status, accepted.body.version]).toEqual([200, n + 2]);
    }
  });

  it('answers a code that is not six digits with 400 naming the header, and writes nothing', async () => {
    t.clock.set(new Date(2_100_000_000_000));
    const a = await openAccount();
    for (const code of ['12345', '1234567', 'abcdef', '12 3456']) {
      const res = await t.as('operator').put(`${a}/bank-card`, card(0)).set('X-Step-Up-Code', code);
      expect([res.status, res.body.code, res.body.errors]).toEqual([
        400,
        'VALIDATION_FAILED',
        [{ field: 'X-Step-Up-Code', reason: 'must be 6 digits' }],
      ]);
    }
    expect(await version(a)).toBe(1);
  });

  it('answers a library failure with 503 STEP_UP_UNAVAILABLE, logged without code or secret, nothing written', async () => {
    t.clock.set(new Date(2_200_000_000_000));
    const a = await openAccount();
    const logsBefore = t.logs.length;
    libraryFailure.next = true;
    const res = await t
      .as('operator')
      .put(`${a}/bank-card`, card(0))
      .set('X-Step-Up-Code', '123456');
    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 503, code: 'STEP_UP_UNAVAILABLE' });
    expect(await version(a)).toBe(1);
    const logged = t.logs.slice(logsBefore).join('');
    expect(logged).toContain('StepUpUnavailable');
    expect(logged).toContain('op-1');
    expect(logged).not.toContain(OPERATOR_TOTP_SECRET);
    expect(logged).not.toContain('123456');
  });
});
