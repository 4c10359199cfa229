import { seeder } from './support/seed';
import { postgresRows, sqliteBytes } from './support/stored-bytes';
import { BACKENDS, freshId, startTestApi, type TestApi } from './support/test-api';

const NAME = 'Clära Schmidt-Weiß';
const EMAIL = 'Clara.Schmidt@example.org';

describe.each(BACKENDS)('POST /search [%s]', (backend) => {
  let t: TestApi;
  beforeAll(async () => {
    t = await startTestApi(backend);
  });
  afterAll(() => t.close());

  const search = (query: unknown, as: Parameters<TestApi['as']>[0] = 'operator') =>
    t.as(as).post('/search', { query }, null);
  const found = async (query: string) =>
    ((await search(query).expect(200)).body.items as { accountId: string }[]).map(
      (item) => item.accountId,
    );

  async function customer() {
    const id = freshId();
    const seed = seeder(t);
    await seed.run('OpenAccount', id, 'operator', {
      ownerName: NAME,
      ownerEmail: EMAIL,
      currency: 'EUR',
    });
    await seed.card(id); // last4 4444
    await seed.fund(id, 50_000, `tu-${id}`);
    await seed.refund(id, `rf-${id}`, 1_000);
    return id;
  }

  it('finds the account by each key, with its owner, status, frozen flag and balance', async () => {
    const id = await customer();
    const res = await search('schmidt').expect(200);
    expect(res.body.items).toContainEqual({
      accountId: id,
      ownerName: NAME,
      status: 'active',
      frozen: false,
      currency: 'EUR',
      balance: { available: 49_000, held: 1_000, pendingIn: 0 },
    });
    for (const query of [
      id,
      'Schmidt',
      'clara weiss',
      'SCHM CLA',
      'weiß',
      EMAIL.toUpperCase(),
      '4444',
      `rf-${id}`,
      `tu-${id}`,
      `ref-tu-${id}`,
    ]) {
      expect({ query, found: (await found(query)).includes(id) }).toEqual({ query, found: true });
    }
    expect(await found('cl')).not.toContain(id);
    expect(await found('clara jones')).not.toContain(id);
  });

  it('stores no name or e-mail in clear, and never puts the query in a URL or a log line', async () => {
    await customer();
    await search('Schmidt-Weiß').expect(200);
    await search(EMAIL).expect(200);
    const logs = t.logs.join('');
    const stored = t.sqliteFile ? sqliteBytes(t.sqliteFile) : await postgresRows(t);
    for (const secret of ['Schmidt', 'schmidt', 'clara.schmidt', 'example.org']) {
      expect({ secret, inLogs: logs.includes(secret) }).toEqual({ secret, inLogs: false });
      expect({ secret, inStore: stored.includes(secret) }).toEqual({ secret, inStore: false });
    }
    expect(logs).toContain('/search');
  });

  it('loses the account when it closes (only its id still finds it, without a name)', async () => {
    const id = await customer();
    const seed = seeder(t);
    await seed.run('CancelRefund', id, 'operator', { refundId: `rf-${id}`, reason: 'no longer' });
    await seed.requestCancellation(id);
    await seed.confirmCancellation(id);
    t.clock.advanceDays(31);
    await t.ops.deadlines.runDue();
    expect((await t.ops.load(id)).state.status).toBe('closed');
    for (const query of ['schmidt', EMAIL, '4444', `rf-${id}`, `tu-${id}`])
      expect({ query, found: (await found(query)).includes(id) }).toEqual({ query, found: false });
    const byId = await search(id).expect(200);
    expect(byId.body.items).toEqual([expect.objectContaining({ accountId: id, ownerName: null })]);
  });

  it('refuses bad input with a 400 that does not echo it', async () => {
    for (const body of [
      {},
      { query: '' },
      { query: '   ' },
      { query: 42 },
      { query: 'x'.repeat(201) },
      { query: 'a\u0000b' },
      { query: 'ada', limit: 0 },
      { query: 'ada', other: 1 },
    ]) {
      const res = await t.as('operator').post('/search', body, null);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.text).not.toContain('xxxxxxxxxx');
    }
  });

  it('is for the ops roles: auditors and integrations get 403, no key 401', async () => {
    await search('schmidt', 'auditor').expect(403);
    await search('schmidt', 'system').expect(403);
    await search('schmidt', null).expect(401);
    for (const role of ['approver', 'admin', 'compliance'] as const)
      await search('schmidt', role).expect(200);
  });
});
