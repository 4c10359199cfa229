import { BACKENDS, freshId, startTestApi, type TestApi } from './support/test-api';
import { seeder } from './support/seed';

/**
 * SPEC §5: identity providers and billing send password resets and settlements whether or
 * not the account holds that freeze, so those signals (and the end of a maintenance
 * window) are safe to repeat: 200, `changed: false`, no event. An admin's Unfreeze of an
 * inactive reason stays a 409.
 */
describe.each(BACKENDS)('integration signals are safe to repeat [%s]', (backend) => {
  let t: TestApi;
  beforeAll(async () => {
    t = await startTestApi(backend);
  });
  afterAll(() => t.close());

  const SIGNALS = [
    ['POST', 'password-resets', undefined],
    ['POST', 'overdue-settled', { note: 'paid by transfer' }],
    ['DELETE', 'maintenance', { note: 'window over' }],
  ] as const;
  const eventCount = async (id: string) =>
    (await t.as('auditor').get(`/accounts/${id}/events?limit=1000`).expect(200)).body.items.length;

  it.each(SIGNALS)(
    '%s …/%s for an account never frozen: 200, changed false, nothing written',
    async (method, path, body) => {
      const id = freshId();
      await seeder(t).open(id);
      const before = await eventCount(id);
      const response = await t.as('system').send(method, `/accounts/${id}/${path}`, body);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ changed: false, frozen: false, version: before });
      expect(await eventCount(id)).toBe(before);
    },
  );

  it('each lifts its own reason once (changed true), then repeats write nothing', async () => {
    const id = freshId();
    const seed = seeder(t);
    await seed.open(id);
    await seed.failedLogins(id, 5);
    await seed.run('MarkPaymentOverdue', id, 'system', {});
    await seed.run('StartMaintenance', id, 'system', {});
    for (const [method, path, body] of SIGNALS) {
      const first = await t.as('system').send(method, `/accounts/${id}/${path}`, body);
      expect([first.status, first.body.changed]).toEqual([200, true]);
      const count = await eventCount(id);
      const again = await t.as('system').send(method, `/accounts/${id}/${path}`, body);
      expect([again.status, again.body.changed, again.body.version]).toEqual([
        200,
        false,
        first.body.version,
      ]);
      expect(await eventCount(id)).toBe(count);
    }
    expect((await t.as('auditor').get(`/accounts/${id}`).expect(200)).body.frozen).toBe(false);
  });

  it('a retry under the same Idempotency-Key answers the same changed flag', async () => {
    const id = freshId();
    await seeder(t).open(id);
    const first = await t.as('system').post(`/accounts/${id}/password-resets`, undefined, 'k-1');
    const retry = await t.as('system').post(`/accounts/${id}/password-resets`, undefined, 'k-1');
    expect([first.status, retry.status]).toEqual([200, 200]);
    expect(retry.body).toEqual(first.body);
    expect(retry.body.changed).toBe(false);
  });

  it("an admin's Unfreeze of a reason that is not active stays 409", async () => {
    const id = freshId();
    await seeder(t).open(id);
    const response = await t
      .as('admin')
      .delete(`/accounts/${id}/freezes/manual`, { note: 'nothing to lift' });
    expect([response.status, response.body.code]).toEqual([409, 'FREEZE_REASON_NOT_ACTIVE']);
  });

  it('a signal still needs its role and an existing account', async () => {
    const id = freshId();
    await seeder(t).open(id);
    const forbidden = await t.as('auditor').post(`/accounts/${id}/password-resets`);
    expect(forbidden.status).toBe(403);
    const missing = await t.as('system').post(`/accounts/${freshId()}/password-resets`);
    expect([missing.status, missing.body.code]).toEqual([404, 'ACCOUNT_NOT_FOUND']);
  });
});
