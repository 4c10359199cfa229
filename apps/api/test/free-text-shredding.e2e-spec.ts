import type { ReadModels } from '@account-ops/projections';
import { READ_MODELS } from '../src/read-models/read-models.provider';
import { seeder } from './support/seed';
import { storeHolds } from './support/stored-bytes';
import { BACKENDS, freshId, startTestApi, type TestApi } from './support/test-api';

// The finding: after closure a cancellation reason stayed in the events, the audit
// and ops read models and the API. Each text is someone's words, unique to this test.
const WORDS = {
  freezeNote: 'Zelda Shredworthy called about a letter',
  refundNote: 'Zelda Shredworthy paid twice in Bergen',
  rejection: 'Zelda Shredworthy was refunded by cheque',
  topUpFailure: 'Zelda Shredworthy card declined at Fjord Bank',
  cancellation: 'Zelda Shredworthy is moving to Oslo',
};
const TEXTS = Object.values(WORDS);
const ERASED = '[erased]';

describe.each(BACKENDS.filter((b) => b !== 'split'))(
  'free text is personal data: sealed, erased at closure [%s]',
  (backend) => {
    let t: TestApi;
    let models: ReadModels;
    const id = freshId();
    const base = `/accounts/${id}`;

    const reads = async () => {
      await models.catchUp(); // async on PostgreSQL; a no-op inline on SQLite
      const [account, audit, rejected, accounts, exported] = await Promise.all([
        t.as('auditor').get(base).expect(200),
        t.as('auditor').get(`/audit?accountId=${id}&limit=1000`).expect(200),
        t.as('approver').get('/ops/refunds?status=rejected').expect(200),
        t.as('operator').get('/ops/accounts').expect(200),
        t.as('auditor').get(`${base}/export`).expect(200),
      ]);
      const auditOf = (type: string) =>
        (audit.body.items as { type: string; reason: string; note: string }[]).find(
          (e) => e.type === type,
        );
      return {
        account: account.body,
        auditOf,
        rejected: (rejected.body.items as { accountId: string }[]).find((r) => r.accountId === id),
        listed: (accounts.body.items as { accountId: string }[]).find((a) => a.accountId === id),
        exported: exported.body,
      };
    };

    beforeAll(async () => {
      t = await startTestApi(backend);
      models = t.app.get<ReadModels>(READ_MODELS, { strict: false });
      const seed = seeder(t);
      await seed.ready(id, 10_000);
      await seed.initiate(id, 't-fail', 500);
      await t
        .as('system')
        .post(`${base}/top-ups/t-fail/fail`, { reason: WORDS.topUpFailure })
        .expect(202);
      await t
        .as('admin')
        .post(`${base}/freezes`, { reason: 'manual', note: WORDS.freezeNote })
        .expect(201);
      await t.as('admin').delete(`${base}/freezes/manual`, { note: 'done' }).expect(200);
      await t
        .as('operator')
        .post(`${base}/refunds`, {
          refundId: 'r1',
          amount: 100,
          reason: 'other',
          note: WORDS.refundNote,
        })
        .expect(201);
      await t
        .as('approver')
        .post(`${base}/refunds/r1/reject`, { reason: WORDS.rejection })
        .expect(200);
      await t.as('admin').post(`${base}/cancellation`, { reason: WORDS.cancellation }).expect(201);
    });
    afterAll(() => t.close());

    it('is stored only sealed, even before closure (byte search of the store)', async () => {
      await models.catchUp();
      expect(await storeHolds(t, ['t-fail'])).toEqual(['t-fail']); // the search sees stored text
      expect(await storeHolds(t, [...TEXTS, 'Zelda'])).toEqual([]);
    });

    it('reads in clear before closure: account, audit, ops queues, export', async () => {
      const r = await reads();
      expect(r.account.cancellation.reason).toBe(WORDS.cancellation);
      expect(r.account.refunds[0]).toMatchObject({
        note: WORDS.refundNote,
        decisionReason: WORDS.rejection,
      });
      expect(r.auditOf('FreezeApplied')).toMatchObject({
        reason: 'manual',
        note: WORDS.freezeNote,
      });
      expect(r.auditOf('RefundRejected')?.reason).toBe(WORDS.rejection);
      expect(r.auditOf('TopUpFailed')?.reason).toBe(WORDS.topUpFailure);
      expect(r.auditOf('CancellationRequested')?.reason).toBe(WORDS.cancellation);
      expect(r.rejected).toMatchObject({ note: WORDS.refundNote, decisionReason: WORDS.rejection });
      expect(r.listed).toMatchObject({ cancellationReason: WORDS.cancellation });
      expect(r.exported.account.cancellation.reason).toBe(WORDS.cancellation);
    });

    it('after closure: [erased] everywhere, money and the hash chain intact, no byte left', async () => {
      await t.as('admin').post(`${base}/cancellation/confirm`, {}).expect(200);
      t.clock.advanceDays(31);
      await t.ops.deadlines.runDue();
      const r = await reads();
      expect(r.account).toMatchObject({ status: 'closed', owner: null });
      expect(r.account.cancellation.reason).toBe(ERASED);
      expect(r.account.refunds[0]).toMatchObject({
        amount: 100,
        status: 'rejected',
        note: ERASED,
        decisionReason: ERASED,
      });
      expect(r.auditOf('FreezeApplied')).toMatchObject({ reason: 'manual', note: ERASED });
      expect(r.auditOf('RefundRequested')).toMatchObject({
        reason: 'other',
        note: ERASED,
        amount: 100,
      });
      expect(r.auditOf('RefundRejected')?.reason).toBe(ERASED);
      expect(r.auditOf('TopUpFailed')?.reason).toBe(ERASED);
      expect(r.auditOf('CancellationRequested')?.reason).toBe(ERASED);
      expect(r.rejected).toMatchObject({ note: ERASED, decisionReason: ERASED, amount: 100 });
      expect(r.listed).toMatchObject({ status: 'closed', cancellationReason: ERASED });
      expect(r.exported.account.cancellation.reason).toBe(ERASED);
      const everything = JSON.stringify(r);
      TEXTS.forEach((text) => expect(everything).not.toContain(text));

      const verify = await t.as('auditor').get(`${base}/verify`).expect(200);
      expect(verify.body).toMatchObject({ ok: true });
      expect(r.exported.verification).toMatchObject({ ok: true });

      expect(await storeHolds(t, ['t-fail'])).toEqual(['t-fail']);
      expect(await storeHolds(t, [...TEXTS, 'Zelda'])).toEqual([]);
    });
  },
);
