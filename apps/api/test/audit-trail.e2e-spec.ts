import { seeder, type Seeder } from './support/seed';
import { tamperEvent } from './support/tamper';
import { BACKENDS, freshId, startTestApi, type TestApi } from './support/test-api';

describe.each(BACKENDS)('auditor endpoints [%s]', (backend) => {
  let t: TestApi;
  let seed: Seeder;
  let id: string;
  const times: string[] = [];

  beforeAll(async () => {
    t = await startTestApi(backend);
    seed = seeder(t);
    id = freshId();
    // Six events an hour apart: open, card, initiate, settle, initiate, settle.
    for (const step of [
      () => seed.open(id),
      () => seed.card(id),
      () => seed.initiate(id, 'tu-1', 1_000),
      () => seed.run('SettleTopUp', id, 'system', { topUpId: 'tu-1' }),
      () => seed.initiate(id, 'tu-2', 2_000),
      () => seed.run('SettleTopUp', id, 'system', { topUpId: 'tu-2' }),
    ]) {
      times.push(t.clock.now().toISOString());
      await step();
      t.clock.advanceHours(1);
    }
  });
  afterAll(() => t.close());

  const auditor = () => t.as('auditor');

  describe('GET /accounts/:id/events', () => {
    it('pages through the stored envelopes in SPEC shape', async () => {
      const first = await auditor().get(`/accounts/${id}/events?limit=4`).expect(200);
      expect(first.body.items.map((e: { version: number }) => e.version)).toEqual([1, 2, 3, 4]);
      expect(first.body.nextFromVersion).toBe(5);
      const event = first.body.items[0];
      expect(Object.keys(event).sort()).toEqual(
        [
          'data',
          'eventId',
          'globalPosition',
          'metadata',
          'schemaVersion',
          'streamId',
          'type',
          'version',
        ].sort(),
      );
      expect(event).toMatchObject({
        streamId: `account-${id}`,
        type: 'AccountOpened',
        globalPosition: expect.any(String),
      });
      expect(event.metadata).toMatchObject({
        actor: { id: 'op-1', roles: ['operator'] },
        occurredAt: times[0],
        prevHash: '0'.repeat(64),
      });
      // Personal data stays as stored: encrypted.
      expect(JSON.stringify(event.data)).not.toContain('Ada Lovelace');
      const rest = await auditor().get(`/accounts/${id}/events?fromVersion=5&limit=4`).expect(200);
      expect(rest.body.items.map((e: { type: string }) => e.type)).toEqual([
        'TopUpInitiated',
        'TopUpSettled',
      ]);
      expect(rest.body.nextFromVersion).toBeNull();
      const past = await auditor().get(`/accounts/${id}/events?fromVersion=99`).expect(200);
      expect(past.body).toEqual({ items: [], nextFromVersion: null });
    });

    it.each([
      ['limit=0', 'limit'],
      ['limit=1001', 'limit'],
      ['limit=abc', 'limit'],
      ['limit=1.5', 'limit'],
      ['fromVersion=-1', 'fromVersion'],
      ['fromVersion=1e3', 'fromVersion'],
      ['limit=1&limit=2', 'limit'],
      ['since=yesterday', 'since'],
    ])('refuses ?%s with a 400 on %s', async (query, field) => {
      const res = await auditor().get(`/accounts/${id}/events?${query}`);
      expect([res.status, res.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });

    it('answers 404 for an unknown account and 400 for a malformed id', async () => {
      expect((await auditor().get('/accounts/nobody/events')).body.code).toBe('ACCOUNT_NOT_FOUND');
      const bad = await auditor().get('/accounts/no%20body/events');
      expect([bad.status, bad.body.errors[0].field]).toEqual([400, 'id']);
    });
  });

  describe('GET /accounts/:id/state (time travel)', () => {
    it('shows the state right after a version', async () => {
      const res = await auditor().get(`/accounts/${id}/state?atVersion=4`).expect(200);
      expect(res.body).toMatchObject({
        version: 4,
        balance: { available: 1_000, pendingIn: 0 },
        owner: { name: 'Ada Lovelace' },
      });
      expect(res.body.topUps.map((x: { status: string }) => x.status)).toEqual(['settled']);
    });

    it('shows the state as of an instant', async () => {
      const between = new Date(Date.parse(times[2]!) + 30 * 60_000).toISOString();
      const res = await auditor().get(`/accounts/${id}/state?asOf=${between}`).expect(200);
      expect(res.body).toMatchObject({ version: 3, balance: { available: 0, pendingIn: 1_000 } });
      const exact = await auditor()
        .get(`/accounts/${id}/state?asOf=${encodeURIComponent(times[3]!)}`)
        .expect(200);
      expect(exact.body.version).toBe(4);
      const now = await auditor().get(`/accounts/${id}/state`).expect(200);
      expect(now.body).toMatchObject({ version: 6, balance: { available: 3_000 } });
    });

    it('answers 404 before the account existed or beyond its last version', async () => {
      const before = await auditor().get(`/accounts/${id}/state?asOf=2020-01-01T00:00:00Z`);
      expect([before.status, before.body.code]).toEqual([404, 'ACCOUNT_NOT_FOUND']);
      const beyond = await auditor().get(`/accounts/${id}/state?atVersion=7`);
      expect([beyond.status, beyond.body.code, beyond.body.details.latestVersion]).toEqual([
        404,
        'VERSION_NOT_FOUND',
        6,
      ]);
    });

    it.each([
      ['atVersion=0', 'atVersion'],
      ['atVersion=x', 'atVersion'],
      ['asOf=yesterday', 'asOf'],
      ['asOf=2026-03-02T10:00:00', 'asOf'],
      ['atVersion=2&asOf=2026-03-02T10:00:00Z', 'asOf'],
    ])('refuses ?%s with a 400 on %s', async (query, field) => {
      const res = await auditor().get(`/accounts/${id}/state?${query}`);
      expect([res.status, res.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });
  });

  describe('GET /accounts/:id and export', () => {
    it('returns the SPEC account shape, with refunds and top-ups', async () => {
      const { body } = await t.as('operator').get(`/accounts/${id}`).expect(200);
      expect(body).toMatchObject({
        accountId: id,
        currency: 'EUR',
        status: 'active',
        frozen: false,
        freezeReasons: [],
        balance: { available: 3_000, held: 0, pendingIn: 0 },
        bankCard: { last4: '4444', brand: 'mastercard' },
        version: 6,
        refunds: [],
      });
      expect(body.topUps).toHaveLength(2);
      expect(JSON.stringify(body)).not.toMatch(/fingerprint|holderName/);
      expect((await t.as('operator').get('/accounts/nobody')).status).toBe(404);
    });

    it('exports history, state and verification for admin and auditor', async () => {
      for (const who of ['auditor', 'admin'] as const) {
        const { body } = await t.as(who).get(`/accounts/${id}/export`).expect(200);
        expect(body).toMatchObject({
          exportedAt: t.clock.now().toISOString(),
          account: { version: 6 },
          verification: { ok: true, checked: 6 },
        });
        expect(body.events).toHaveLength(6);
      }
      expect((await t.as('auditor').get('/accounts/nobody/export')).body.code).toBe(
        'ACCOUNT_NOT_FOUND',
      );
    });
  });

  describe('GET /accounts/:id/verify', () => {
    // EventStoreDB events cannot be changed behind the store (the fake keeps that rule).
    const itTampers = backend === 'split' ? it.skip : it;
    itTampers('confirms an intact chain and finds the first altered event', async () => {
      const victim = freshId();
      await seed.ready(victim, 5_000);
      const intact = await auditor().get(`/accounts/${victim}/verify`).expect(200);
      expect(intact.body).toEqual({ accountId: victim, ok: true, checked: 4 });
      await tamperEvent(t, `account-${victim}`, 3);
      const broken = await auditor().get(`/accounts/${victim}/verify`).expect(200);
      expect(broken.body).toMatchObject({
        ok: false,
        checked: 3,
        firstBad: { version: 3, reason: 'hash_mismatch' },
      });
      const exported = await t.as('admin').get(`/accounts/${victim}/export`).expect(200);
      expect(exported.body.verification).toMatchObject({ ok: false, firstBad: { version: 3 } });
      expect((await auditor().get('/accounts/nobody/verify')).body.code).toBe('ACCOUNT_NOT_FOUND');
    });
  });
});
