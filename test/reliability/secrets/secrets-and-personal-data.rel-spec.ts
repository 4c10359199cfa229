import { randomUUID } from 'node:crypto';
import { generate } from 'otplib';
import request from 'supertest';
import { keyOf, OPERATOR_TOTP_SECRET } from '../../../apps/api/test/support/actors';
import { MASTERCARD, VISA } from '../../../apps/api/test/support/seed';
import { nextOperatorCode } from '../../../apps/api/test/support/step-up';
import { reportFigures } from '../harness/results';
import { configuredSecrets, scanForLeaks, type Needle } from '../http/leak-scan';
import { ADMIN_TOTP_SECRET, startApi, type ReliabilityApi } from '../http/reliability-api';
import { createStoreTarget, STORES, type StoreTarget } from '../http/store-target';
import { SECRET_CHANNELS } from './secret-channels';

jest.setTimeout(120_000);

/** Public test card numbers besides the e2e ones: each goes in once and must be stored nowhere. */
const AMEX = '378282246310005';
const DISCOVER = '6011111111111117';

/** Personal data of the account that gets closed: after the retention window, erased. */
const PERSONAL: readonly Needle[] = [
  { what: 'owner name', value: 'Zelda Quuxpersonal' },
  { what: 'owner email', value: 'zelda.quux@personal.example' },
  { what: 'card holder name', value: 'ZELDA HOLDERMARK' },
  // Someone's words are personal data too (stored sealed, erased at closure: issue 24).
  { what: 'cancellation reason', value: 'Zelda Quux is moving to Oslo' },
  { what: 'freeze note', value: 'Zelda Quux phoned from Bergen' },
];
const [OWNER, EMAIL, HOLDER, CANCELLATION_REASON, FREEZE_NOTE] = PERSONAL.map((n) => n.value) as [
  string,
  string,
  string,
  string,
  string,
];

/** Card numbers written the ways the old filter missed: each is refused and stored nowhere. */
const DISGUISED: readonly Needle[] = [
  { what: 'dotted card number', value: VISA.replace(/(\d{4})(?!$)/g, '$1.') },
  {
    what: 'full-width card number',
    value: [...MASTERCARD].map((d) => String.fromCodePoint(0xff10 + Number(d))).join(''),
  },
  { what: 'zero-width separated card number', value: [...AMEX].join('\u200b') },
  { what: 'slashed card number', value: DISCOVER.replace(/(\d{4})(?!$)/g, '$1/') },
];

/**
 * Card numbers, API keys and TOTP secrets go through every channel the API has — accepted
 * card changes, refusals of every kind, queries, headers, exports — and none of them may
 * then be found in any table row, any byte of the SQLite files, any log line or any
 * response. The account is then closed after its retention window: its owner's name,
 * e-mail and card holder (stored only encrypted, snapshots included) must be gone from
 * the rows and the files, the data key included (crypto-shredding).
 */
describe.each(STORES)('secrets and personal data [%s]', (backend) => {
  let target: StoreTarget;
  let api: ReliabilityApi;
  const id = 'pd-1';
  let dataKey: string;
  beforeAll(async () => {
    target = await createStoreTarget(backend);
    // Snapshots every 2 events: they hold personal data, sealed with the account's data key.
    api = await startApi(target, { overrides: { accountConfig: { snapshotEvery: 2 } } });
  });
  afterAll(async () => {
    await api.close();
    await target.dispose();
  });

  const as = (name: Parameters<ReliabilityApi['as']>[0]) => api.as(name);
  const card = (cardNumber: string) => ({
    cardNumber,
    holderName: HOLDER,
    bankName: 'Example Bank',
  });
  const raw = (path: string, body: string, type = 'application/json') =>
    request(api.server)
      .put(path)
      .set('Authorization', `Bearer ${keyOf('admin')}`)
      .set('Idempotency-Key', `raw-${randomUUID()}`)
      .set('Content-Type', type)
      .send(body);

  it('takes card numbers in card changes only, refusing them everywhere else', async () => {
    const a = `/accounts/${id}`;
    await as('operator')
      .post('/accounts', { accountId: id, ownerName: OWNER, ownerEmail: EMAIL, currency: 'EUR' })
      .expect(201);
    const stored = (await api.records.getRecord('data-key', id))?.value as { wrapped: string };
    // Wrapped by the key-encryption key: what a copy of the database holds of the data key.
    dataKey = stored.wrapped;
    expect(dataKey.length).toBeGreaterThan(20);
    // Every card change needs a second factor (SPEC §3): the admin's code, then the operator's,
    // each a code of its own time step.
    const adminCode = await generate({
      secret: ADMIN_TOTP_SECRET,
      epoch: Math.floor(api.clock.now().getTime() / 1000),
    });
    await as('admin')
      .put(`${a}/bank-card`, card(VISA))
      .set('X-Step-Up-Code', adminCode)
      .expect(200);
    const code = await generate({
      secret: OPERATOR_TOTP_SECRET,
      epoch: Math.floor(api.clock.now().getTime() / 1000),
    });
    await as('operator')
      .put(`${a}/bank-card`, card(MASTERCARD))
      .set('X-Step-Up-Code', code)
      .expect(200);
    for (const pan of [AMEX, DISCOVER]) {
      await as('operator')
        .put(`${a}/bank-card`, card(pan))
        .set('X-Step-Up-Code', await nextOperatorCode(api))
        .expect(200);
    }
    await as('system')
      .post(`${a}/top-ups`, {
        topUpId: 'tu-1',
        amount: 5_000,
        method: 'card',
        paymentReference: 'psp-1',
      })
      .expect(201);
    await as('system').post(`${a}/top-ups/tu-1/settle`).expect(202);
    const refusals = [
      as('operator').post(`${a}/refunds`, { amount: 1, reason: 'other', note: `pay to ${VISA}` }),
      as('operator').post(`${a}/refunds`, {
        amount: 1,
        reason: 'other',
        note: `card ${AMEX.slice(0, 4)} ${AMEX.slice(4)}`,
      }),
      as('admin').put(`${a}/bank-card`, { ...card(VISA), [DISCOVER]: true }),
      as('admin').put(`${a}/bank-card`, { ...card(MASTERCARD), holderName: '' }),
      as('operator').put(`${a}/bank-card`, card(AMEX)), // no second factor
      as('operator').put(`${a}/bank-card`, card(AMEX)).set('X-Step-Up-Code', code), // replayed code
      as('auditor').put(`${a}/bank-card`, card(DISCOVER), DISCOVER), // the PAN as Idempotency-Key
      as('auditor').get(`${a}/events?limit=${VISA}`),
      ...DISGUISED.map(({ value }) =>
        as('operator').post(`${a}/refunds`, {
          refundId: 'rf-x',
          amount: 1,
          reason: 'other',
          note: value,
        }),
      ),
      as('admin').post(`${a}/freezes`, { reason: 'manual', note: DISGUISED[0]!.value }),
      as('operator')
        .post(
          `${a}/refunds`,
          { refundId: 'rf-h', amount: 1, reason: 'duplicate_charge' },
          '4012-8888-8888-1881',
        )
        .set('X-Request-Id', 'rq-1'),
      as('operator')
        .post(`${a}/refunds`, { refundId: 'rf-h', amount: 1, reason: 'duplicate_charge' })
        .set('X-Request-Id', '5105.1051.0510.5100'),
      as('operator').get(`/accounts/${MASTERCARD}/events`),
      raw(`${a}/bank-card`, `{"cardNumber":"${VISA}",`),
      raw(`${a}/bank-card`, JSON.stringify({ ...card(AMEX), pad: 'x'.repeat(20_000) })),
      raw(`${a}/bank-card`, `cardNumber=${DISCOVER}`, 'application/x-www-form-urlencoded'),
      raw(`${a}/bank-card`, JSON.stringify(card(VISA)).replace('{', '{"a":'.repeat(40))),
      request(api.server)
        .get(a)
        .set('Authorization', `Basic ${keyOf('admin')}`),
      request(api.server)
        .get(a)
        .set('Authorization', `Bearer ${keyOf('auditor')}x`),
      request(api.server)
        .get(a)
        .set('Authorization', `Bearer ${keyOf('system')}`),
    ];
    for (const pending of refusals) expect((await pending).status).toBeGreaterThanOrEqual(400);
    const account = (await as('auditor').get(a).expect(200)).body;
    expect(account.bankCard).toMatchObject({ last4: '1117', brand: 'discover' });
    await as('auditor').get(`${a}/events`).expect(200);
    await as('auditor').get(`${a}/export`).expect(200);
    await as('compliance').get(`/audit?accountId=${id}`).expect(200);
    // While the account lives too, the store holds them only encrypted (envelope encryption).
    await api.models.catchUp();
    const live = await scanForLeaks(target, api.capture, PERSONAL);
    expect(live.found.filter((f) => f.where.startsWith('database'))).toEqual([]);
  });

  it.each(SECRET_CHANNELS.map((channel) => [channel.name, channel] as const))(
    'takes secrets in through %s',
    async (_name, channel) => {
      const sent = await channel.send(api, id, {
        cards: [VISA, MASTERCARD, AMEX, DISCOVER],
        personal: PERSONAL.map((n) => n.value),
      });
      expect(sent).toBeGreaterThan(0);
      // Logged by shape only (checked in full by the scan at the end).
      expect(api.capture.logs.join('')).toContain('?[redacted]=[redacted]');
    },
  );

  it('erases the personal data when the retention window closes the account', async () => {
    const a = `/accounts/${id}`;
    // The final payout waits for the replaced card's 24 h hold (SPEC §3).
    api.clock.advanceHours(24);
    await as('admin').post(`${a}/freezes`, { reason: 'manual', note: FREEZE_NOTE }).expect(201);
    await as('admin').delete(`${a}/freezes/manual`, { note: 'resolved' }).expect(200);
    await as('admin').post(`${a}/cancellation`, { reason: CANCELLATION_REASON }).expect(201);
    await as('admin').post(`${a}/cancellation/confirm`, {}).expect(200);
    api.clock.advanceDays(31);
    expect((await api.ops.deadlines.runDue()).fired).toBe(1);
    const exported = await as('auditor').get(`${a}/export`).expect(200);
    expect(exported.body.account).toMatchObject({ status: 'closed', owner: null });
    for (const { value } of PERSONAL) expect(exported.text).not.toContain(value);
  });

  it('leaves no secret anywhere, and no personal data of the closed account in the store or logs', async () => {
    await api.models.catchUp();
    const secrets = [
      ...configuredSecrets([AMEX, DISCOVER, '4012888888881881', '5105105105105100']),
      ...DISGUISED,
    ];
    const erased = [...PERSONAL, { what: 'shredded data key', value: dataKey }];
    const report = await scanForLeaks(target, api.capture, [...secrets, ...erased]);
    // Personal data was shown to authorised readers before the closure: responses are not counted.
    const leaks = report.found.filter(
      (f) => !(erased.some((e) => e.what === f.what) && f.where === 'responses'),
    );
    reportFigures(`secrets-and-personal-data-${backend}`, { ...report.scanned, found: leaks });
    expect(leaks).toEqual([]);
    // The data key was never in a response, closure or not.
    expect(report.found.filter((f) => f.what === 'shredded data key')).toEqual([]);
  });
});
