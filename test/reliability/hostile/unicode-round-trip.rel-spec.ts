import fc from 'fast-check';
import { containsCardNumber, dishonestTextReason } from '@account-ops/accounts';
import { seeder } from '../../../apps/api/test/support/seed';
import { BUDGET, seedFor } from '../http/budget';
import { Capture } from '../http/capture';
import { itLeavesNoSecrets } from '../http/leak-scan';
import { startApi, type ReliabilityApi } from '../http/reliability-api';
import { createStoreTarget, type StoreTarget } from '../http/store-target';
import { UNICODE_EDGES } from './arbitraries/hostile-text';

jest.setTimeout(600_000);

// eslint-disable-next-line no-control-regex -- the rule free text follows
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * What free text accepts: trimmed, 1–1000 characters, no controls, no card number, nothing
 * that shows other than it reads (bidi controls, zero-width characters, lone surrogates).
 */
const acceptable = (text: string) => {
  const trimmed = text.trim();
  return (
    trimmed.length > 0 &&
    trimmed.length <= 1000 &&
    !CONTROL.test(trimmed) &&
    !containsCardNumber(trimmed) &&
    dishonestTextReason(trimmed) === undefined
  );
};

/** Notes built from the unicode that trips naive code: surrogates, direction marks, invisibles. */
const edgyNote = fc
  .array(fc.oneof(fc.constantFrom(...UNICODE_EDGES), fc.string({ unit: 'binary', maxLength: 6 })), {
    minLength: 1,
    maxLength: 8,
  })
  .map((parts) => parts.join(''))
  .filter(acceptable);

/**
 * Unicode edge cases the text rules accept (combining marks, U+10FFFF, full-width forms,
 * ligatures…) must be kept exactly: what a
 * refund note says after a restart (read from the store, not the process's cache) is
 * what was sent, and the account's hash chain still verifies.
 */
describe.each(BUDGET.backends)('accepted unicode is stored as sent [%s]', (backend) => {
  let target: StoreTarget;
  let api: ReliabilityApi;
  const capture = new Capture();
  beforeAll(async () => {
    target = await createStoreTarget(backend);
    api = await startApi(target, { capture });
    await seeder(api).ready('acc-unicode', 1_000_000);
  });
  afterAll(async () => {
    await api.close();
    await target.dispose();
  });

  it('refund notes round-trip exactly through the store', async () => {
    const sent = new Map<string, string>();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(edgyNote, async (note) => {
        const refundId = `rf-u-${++n}`;
        const res = await api
          .as('operator')
          .post('/accounts/acc-unicode/refunds', { refundId, amount: 1, reason: 'other', note });
        expect({ refundId, status: res.status }).toEqual({ refundId, status: 201 });
        expect(res.body.note).toBe(note.trim());
        sent.set(refundId, note.trim());
      }),
      { numRuns: BUDGET.runsPerFamily.queries * 4, seed: seedFor('unicode') },
    );
    // A fresh process reads the notes from the store: the cache cannot hide a mangling.
    const clock = api.clock;
    await api.close();
    api = await startApi(target, { clock, capture });
    const account = (await api.as('auditor').get('/accounts/acc-unicode').expect(200)).body;
    const stored = new Map<string, string>(
      (account.refunds as Array<{ refundId: string; note: string }>).map((r) => [
        r.refundId,
        r.note,
      ]),
    );
    for (const [refundId, note] of sent)
      expect({ refundId, note: stored.get(refundId) }).toEqual({ refundId, note });
    const verify = await api.as('auditor').get('/accounts/acc-unicode/verify').expect(200);
    expect(verify.body).toMatchObject({ ok: true });
  });

  it('text that lies to the approver or hides a card number is refused, and nothing is written', async () => {
    const before = (await api.as('auditor').get('/accounts/acc-unicode').expect(200)).body.version;
    const notes = [
      'refund EUR 0.01 \u202eko 0001 RUE\u202c', // shows "refund EUR 0.01 EUR 1000 ok"
      'isolate \u2066hidden\u2069',
      'zero\u200bwidth',
      'lone \ud800 surrogate',
      'pay 4111.1111.1111.1111',
      'pay ４１１１１１１１１１１１１１１１',
      'pay 4\u200b111 1111 1111 1111',
    ];
    for (const note of notes) {
      const res = await api.as('operator').post('/accounts/acc-unicode/refunds', {
        refundId: 'rf-lie',
        amount: 1,
        reason: 'other',
        note,
      });
      expect({ note, status: res.status }).toEqual({ note, status: 400 });
      expect(['VALIDATION_FAILED', 'CARD_NUMBER_IN_TEXT']).toContain(res.body.code);
    }
    const after = (await api.as('auditor').get('/accounts/acc-unicode').expect(200)).body.version;
    expect(after).toBe(before);
  });

  itLeavesNoSecrets('unicode-round-trip', () => api);
});
