import { generate } from 'otplib';
import { OPERATOR_TOTP_SECRET } from '../../../apps/api/test/support/actors';
import { seeder, VISA } from '../../../apps/api/test/support/seed';
import { itLeavesNoSecrets } from '../http/leak-scan';
import { startApi, type ReliabilityApi } from '../http/reliability-api';
import { createStoreTarget, STORES, type StoreTarget } from '../http/store-target';

jest.setTimeout(180_000);

const codeAt = (at: Date) =>
  generate({ secret: OPERATOR_TOTP_SECRET, epoch: Math.floor(at.getTime() / 1000) });
/** A code that is certainly wrong now: the right one plus one. */
const wrongAt = async (at: Date) =>
  String((Number(await codeAt(at)) + 1) % 1_000_000).padStart(6, '0');

/**
 * The security review guessed 85 codes, then sent the right one: 200. Now 10 wrong codes
 * within 15 minutes lock the actor's step-up (403 STEP_UP_LOCKED, Retry-After), counted
 * in the store, so guesses spread over two API instances on one database count together.
 * Always on both stores: per-process counting is what would fail here.
 */
describe.each(STORES)('step-up lockout across two instances [%s]', (backend) => {
  let target: StoreTarget;
  let a: ReliabilityApi;
  let b: ReliabilityApi;
  beforeAll(async () => {
    target = await createStoreTarget(backend);
    a = await startApi(target);
    b = await startApi(target, { clock: a.clock, capture: a.capture });
  });
  afterAll(async () => {
    await b.close();
    await a.close();
    await target.dispose();
  });

  const change = (instance: ReliabilityApi, id: string, code: string) =>
    instance
      .as('operator')
      .put(`/accounts/${id}/bank-card`, { cardNumber: VISA, holderName: 'ADA', bankName: 'Bank' })
      .set('X-Step-Up-Code', code);

  const counter = async (instance: ReliabilityApi, name: string): Promise<number> => {
    const text = (await instance.as(null).get('/metrics').expect(200)).text;
    return Number(new RegExp(`^${name} (\\d+)`, 'm').exec(text)?.[1] ?? 'NaN');
  };

  it('locks after 10 wrong codes alternating between instances; the right code is then refused', async () => {
    const id = 'lock-1';
    await seeder(a).ready(id, 10_000);
    const version = (await a.ops.load(id)).version;
    for (let i = 0; i < 9; i++) {
      a.clock.advance(20_000);
      const res = await change(i % 2 === 0 ? a : b, id, await wrongAt(a.clock.now()));
      expect([res.status, res.body.code]).toEqual([403, 'STEP_UP_REQUIRED']);
    }
    a.clock.advance(20_000);
    const tenth = await change(b, id, await wrongAt(a.clock.now()));
    expect([tenth.status, tenth.body.code]).toEqual([403, 'STEP_UP_LOCKED']);
    expect(tenth.headers['content-type']).toMatch(/^application\/problem\+json/);
    // Locked until the first failure leaves the 15-minute window: 15 min − 9 × 20 s from now.
    expect(tenth.headers['retry-after']).toBe(String(15 * 60 - 9 * 20));

    const right = await change(a, id, await codeAt(a.clock.now()));
    expect([right.status, right.body.code]).toEqual([403, 'STEP_UP_LOCKED']);
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(0);
    expect((await a.ops.load(id)).version).toBe(version);

    // Visible in metrics (in the instance that counted) and the log; never the code.
    expect(
      (await counter(a, 'account_ops_step_up_failures_total')) +
        (await counter(b, 'account_ops_step_up_failures_total')),
    ).toBe(10);
    expect(await counter(b, 'account_ops_step_up_lockouts_total')).toBe(1);
    expect(await counter(a, 'account_ops_step_up_refused_locked_total')).toBe(1);
    expect(a.capture.logs.join('\n')).toMatch(/"event":"step_up_locked","actorId":"op-1"/);
  });

  it('only an admin lifts the lock, on either instance; the operator can then step up', async () => {
    const id = 'lock-1';
    const lift = (instance: ReliabilityApi, as: 'admin' | 'operator') =>
      instance.as(as).delete('/step-up-lockouts/op-1', undefined, null);
    expect((await lift(a, 'operator')).status).toBe(403);
    const lifted = await lift(b, 'admin').expect(200);
    expect(lifted.body).toEqual({ actorId: 'op-1', lifted: true, failuresCleared: 10 });
    a.clock.advance(30_000);
    await change(a, id, await codeAt(a.clock.now())).expect(200);
    expect((await lift(a, 'admin').expect(200)).body).toMatchObject({ lifted: false });
    expect((await a.as('admin').delete('/step-up-lockouts/bad%20id', undefined, null)).status).toBe(
      400,
    );
    // Only actors with a second factor can be locked; any other id is a 404, not a no-op 200.
    const unknown = await a.as('admin').delete('/step-up-lockouts/__proto__', undefined, null);
    expect([unknown.status, unknown.body.code]).toEqual([404, 'ACTOR_NOT_FOUND']);
  });

  it('unlocks by itself when the window has passed', async () => {
    const id = 'lock-2';
    await seeder(a).ready(id, 10_000);
    for (let i = 0; i < 10; i++) {
      a.clock.advance(20_000);
      await change(i % 2 === 0 ? a : b, id, await wrongAt(a.clock.now()));
    }
    expect((await change(a, id, await codeAt(a.clock.now()))).body.code).toBe('STEP_UP_LOCKED');
    a.clock.advance(15 * 60_000);
    await change(b, id, await codeAt(a.clock.now())).expect(200);
  });

  itLeavesNoSecrets('step-up-lockout', () => a);
});
