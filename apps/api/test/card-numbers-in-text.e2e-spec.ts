import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { keyOf } from './support/actors';
import { seeder } from './support/seed';
import { storeHolds } from './support/stored-bytes';
import { BACKENDS, freshId, startTestApi, type TestApi } from './support/test-api';

// The findings: the free-text filter knew only spaces and dashes.
const PAN_TEXTS = [
  '4111.1111.1111.1111',
  '４１１１１１１１１１１１１１１１',
  '4\u200b0\u200b1\u200b2\u200b8\u200b8\u200b8\u200b8\u200b8\u200b8\u200b8\u200b8\u200b1\u200b8\u200b8\u200b1',
  '5105/1051_0510/5100',
  '5555 5555 5555 4444',
];
const DIGITS = ['4111111111111111', '4012888888881881', '5105105105105100', '5555555555554444'];

/** Every write route with free text, the field, and what else its body needs. */
const FREE_TEXT_WRITES: ReadonlyArray<{
  route: string;
  method: 'post' | 'put' | 'delete';
  path: (id: string) => string;
  field: string;
  body: Record<string, unknown>;
  as: 'operator' | 'admin' | 'system' | 'approver';
}> = [
  {
    route: 'open (owner name)',
    method: 'post',
    path: () => '/accounts',
    field: 'ownerName',
    body: { ownerEmail: 'x@example.com', currency: 'EUR' },
    as: 'operator',
  },
  {
    route: 'open (owner e-mail)',
    method: 'post',
    path: () => '/accounts',
    field: 'ownerEmail',
    body: { ownerName: 'Ada', currency: 'EUR', suffix: '@example.com' },
    as: 'operator',
  },
  {
    route: 'bank card (holder)',
    method: 'put',
    path: (id) => `/accounts/${id}/bank-card`,
    field: 'holderName',
    body: { cardNumber: '5555555555554444', bankName: 'Bank' },
    as: 'admin',
  },
  {
    route: 'bank card (bank name)',
    method: 'put',
    path: (id) => `/accounts/${id}/bank-card`,
    field: 'bankName',
    body: { cardNumber: '5555555555554444', holderName: 'ADA' },
    as: 'admin',
  },
  {
    route: 'refund (note)',
    method: 'post',
    path: (id) => `/accounts/${id}/refunds`,
    field: 'note',
    body: { refundId: 'r-pan', amount: 1, reason: 'other' },
    as: 'operator',
  },
  {
    route: 'freeze (note)',
    method: 'post',
    path: (id) => `/accounts/${id}/freezes`,
    field: 'note',
    body: { reason: 'manual' },
    as: 'admin',
  },
  {
    route: 'cancellation (reason)',
    method: 'post',
    path: (id) => `/accounts/${id}/cancellation`,
    field: 'reason',
    body: {},
    as: 'admin',
  },
  {
    route: 'top-up failed (reason)',
    method: 'post',
    path: (id) => `/accounts/${id}/top-ups/t-open/fail`,
    field: 'reason',
    body: {},
    as: 'system',
  },
  ...(
    [
      ['approve refund (note)', 'post', 'refunds/r-x/approve', 'note', 'approver'],
      ['reject refund (reason)', 'post', 'refunds/r-x/reject', 'reason', 'approver'],
      ['cancel refund (reason)', 'post', 'refunds/r-x/cancel', 'reason', 'operator'],
      ['payout failed (reason)', 'post', 'refunds/r-x/payout-failed', 'reason', 'system'],
      ['retry payout (note)', 'post', 'refunds/r-x/retry-payout', 'note', 'admin'],
      ['unfreeze (note)', 'delete', 'freezes/manual', 'note', 'admin'],
      ['start maintenance (note)', 'post', 'maintenance', 'note', 'admin'],
      ['end maintenance (note)', 'delete', 'maintenance', 'note', 'admin'],
      ['withdraw cancellation (note)', 'delete', 'cancellation', 'note', 'admin'],
      ['confirm cancellation (note)', 'post', 'cancellation/confirm', 'note', 'admin'],
      ['reactivate (note)', 'post', 'reactivation', 'note', 'admin'],
      ['payment overdue (note)', 'post', 'overdue', 'note', 'system'],
      ['overdue settled (note)', 'post', 'overdue-settled', 'note', 'system'],
    ] as const
  ).map(([route, method, path, field, as]) => ({
    route,
    method,
    path: (id: string) => `/accounts/${id}/${path}`,
    field,
    body: {},
    as,
  })),
];

describe.each(BACKENDS.filter((b) => b !== 'split'))(
  'no card number is written from text or stored headers [%s]',
  (backend) => {
    let t: TestApi;
    let id: string;
    beforeAll(async () => {
      t = await startTestApi(backend);
      id = freshId();
      const seed = seeder(t);
      await seed.ready(id, 10_000);
      await seed.initiate(id, 't-open', 500);
    });
    afterAll(() => t.close());

    it.each(FREE_TEXT_WRITES)('$route: 400 CARD_NUMBER_IN_TEXT in every format', async (w) => {
      // An address with spaces in it is refused as no address before its digits are read.
      const texts = w.field === 'ownerEmail' ? PAN_TEXTS.filter((p) => !/\s/.test(p)) : PAN_TEXTS;
      for (const text of texts) {
        const { suffix, ...body } = w.body as { suffix?: string };
        const value = `${text}${suffix ?? ''}`;
        const accountId = w.route.startsWith('open') ? { accountId: freshId() } : {};
        const res = await t
          .as(w.as)
          [w.method](w.path(id), { ...body, ...accountId, [w.field]: value });
        expect({ text, status: res.status, code: res.body.code }).toEqual({
          text,
          status: 400,
          code: 'CARD_NUMBER_IN_TEXT',
        });
        expect(res.body.errors).toEqual([
          { field: w.field, reason: 'must not contain a card number' },
        ]);
        expect(res.text).not.toContain(text);
      }
    });

    it.each(['Idempotency-Key', 'X-Request-Id'])(
      'a write with a card number in %s is refused and nothing is written',
      async (header) => {
        const before = (await t.as('auditor').get(`/accounts/${id}`)).body.version;
        for (const value of ['4012888888881881', '5105-1051-0510-5100', '4111.1111.1111.1111']) {
          const res = await request(t.server)
            .post(`/accounts/${id}/refunds`)
            .set('Authorization', `Bearer ${keyOf('operator')}`)
            .set('Idempotency-Key', header === 'Idempotency-Key' ? value : randomUUID())
            .set('X-Request-Id', header === 'X-Request-Id' ? value : randomUUID())
            .send({ refundId: freshId('r'), amount: 1, reason: 'other' });
          expect({
            value,
            status: res.status,
            code: res.body.code,
            errors: res.body.errors,
          }).toEqual({
            value,
            status: 400,
            code: 'CARD_NUMBER_IN_TEXT',
            errors: [{ field: header, reason: 'must not contain a card number' }],
          });
          expect(res.headers['x-request-id']).not.toBe(value);
        }
        expect((await t.as('auditor').get(`/accounts/${id}`)).body.version).toBe(before);
      },
    );

    it('a UUID request id and key are taken as they are', async () => {
      const uuid = '0e8a2b84-3f7c-4d2a-9b1e-401288888188';
      const res = await request(t.server)
        .post(`/accounts/${id}/refunds`)
        .set('Authorization', `Bearer ${keyOf('operator')}`)
        .set('Idempotency-Key', uuid)
        .set('X-Request-Id', uuid)
        .send({ refundId: 'r-uuid', amount: 1, reason: 'duplicate_charge' });
      expect(res.status).toBe(201);
      expect(res.headers['x-request-id']).toBe(uuid);
    });

    it('leaves no card number in any form in the store (byte search)', async () => {
      expect(await storeHolds(t, ['4444'])).toEqual(['4444']); // the check can see stored text
      expect(await storeHolds(t, [...DIGITS, ...PAN_TEXTS])).toEqual([]);
    });
  },
);
