import { generate } from 'otplib';
import { OPERATOR_TOTP_SECRET } from '../../../apps/api/test/support/actors';
import { MASTERCARD, seeder, VISA } from '../../../apps/api/test/support/seed';
import { itLeavesNoSecrets } from '../http/leak-scan';
import { APPROVER_TOTP_SECRET, startApi, type ReliabilityApi } from '../http/reliability-api';
import { createStoreTarget, STORES, type StoreTarget } from '../http/store-target';

jest.setTimeout(120_000);

const STEP = 30_000;
const codeAt = (at: Date, secret = OPERATOR_TOTP_SECRET) =>
  generate({ secret, epoch: Math.floor(at.getTime() / 1000) });

/**
 * A TOTP code authorises one command. Its replay is refused in the same process, by
 * concurrent requests, after a restart on the same store and by another instance on the
 * same store (used steps are kept in the store's `step-up-used` records); so are other
 * actors' codes and codes outside the drift window. Always on both stores: this is where
 * per-process memory would fail.
 */
describe.each(STORES)('a second factor cannot be replayed [%s]', (backend) => {
  let target: StoreTarget;
  let api: ReliabilityApi;
  let accounts = 0;
  beforeAll(async () => {
    target = await createStoreTarget(backend);
    api = await startApi(target);
  });
  afterAll(async () => {
    await api.close();
    await target.dispose();
  });

  /** A fresh account with a card on file; each test moves the shared clock to a fresh step. */
  async function freshAccount(): Promise<string> {
    const id = `su-${++accounts}`;
    await seeder(api).ready(id, 10_000);
    api.clock.advance(10 * STEP);
    return id;
  }

  const change = (instance: ReliabilityApi, id: string, code: string, pan = VISA) =>
    instance
      .as('operator')
      .put(`/accounts/${id}/bank-card`, {
        cardNumber: pan,
        holderName: 'ADA LOVELACE',
        bankName: 'Bank',
      })
      .set('X-Step-Up-Code', code);

  const refused = (res: { status: number; body: { code?: string } }) =>
    expect([res.status, res.body.code]).toEqual([403, 'STEP_UP_REQUIRED']);

  it('accepts a code once: its replay is refused and writes nothing', async () => {
    const id = await freshAccount();
    const code = await codeAt(api.clock.now());
    await change(api, id, code).expect(200);
    const version = (await api.ops.load(id)).version;
    refused(await change(api, id, code, MASTERCARD));
    expect((await api.ops.load(id)).version).toBe(version);
  });

  it('lets exactly one of concurrent requests with one code through', async () => {
    const id = await freshAccount();
    const code = await codeAt(api.clock.now());
    const answers = await Promise.all(
      [VISA, MASTERCARD, VISA, MASTERCARD].map((pan) => change(api, id, code, pan)),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([200, 403, 403, 403]);
  });

  it('refuses a used code after a restart on the same store', async () => {
    const id = await freshAccount();
    const code = await codeAt(api.clock.now());
    await change(api, id, code).expect(200);
    const clock = api.clock;
    await api.close();
    api = await startApi(target, { clock, capture: api.capture });
    refused(await change(api, id, code, MASTERCARD));
    // The restarted app still takes the next step's code: only used codes are refused.
    clock.advance(STEP);
    await change(api, id, await codeAt(clock.now()), MASTERCARD).expect(200);
  });

  it('refuses a code another instance on the same store accepted, and older codes too', async () => {
    const id = await freshAccount();
    const other = await startApi(target, { clock: api.clock, capture: api.capture });
    try {
      const now = api.clock.now();
      await change(api, id, await codeAt(now)).expect(200);
      refused(await change(other, id, await codeAt(now), MASTERCARD));
      refused(await change(other, id, await codeAt(new Date(now.getTime() - STEP)), MASTERCARD));
      api.clock.advance(STEP);
      await change(other, id, await codeAt(api.clock.now()), MASTERCARD).expect(200);
      refused(await change(api, id, await codeAt(api.clock.now())));
    } finally {
      await other.close();
    }
  });

  it("refuses another actor's code and codes outside the drift window", async () => {
    const id = await freshAccount();
    const now = api.clock.now().getTime();
    refused(await change(api, id, await codeAt(new Date(now), APPROVER_TOTP_SECRET)));
    refused(await change(api, id, await codeAt(new Date(now - 3 * STEP))));
    refused(await change(api, id, await codeAt(new Date(now + 3 * STEP))));
  });

  it('protects large top-ups the same way', async () => {
    const id = await freshAccount();
    const code = await codeAt(api.clock.now());
    const topUp = (paymentReference: string) =>
      api
        .as('operator')
        .post(`/accounts/${id}/top-ups`, { amount: 2_000_000, method: 'card', paymentReference })
        .set('X-Step-Up-Code', code);
    await topUp('psp-large-1').expect(201);
    refused(await topUp('psp-large-2'));
  });

  itLeavesNoSecrets('step-up', () => api);
});
