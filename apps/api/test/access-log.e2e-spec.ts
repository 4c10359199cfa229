import { generateKeyPairSync } from 'node:crypto';
import Database from 'better-sqlite3';
import { ACCESS_COLLECTION, AccessLog, NoteSigner, seqKey } from '@account-ops/event-store';
import type { ReadModels } from '@account-ops/projections';
import { AuditLogService } from '../src/audit-log/audit-log.service';
import { READ_MODELS } from '../src/read-models/read-models.provider';
import { keyOf } from './support/actors';
import { MASTERCARD, seeder, type Seeder } from './support/seed';
import { BACKENDS, freshId, startTestApi, type TestApi } from './support/test-api';

interface AccessItem {
  seq: number;
  at: string;
  actor: string;
  accountId: string;
  what: string;
  requestId: string | null;
  prevHash: string;
  hash: string;
}

/**
 * The read-access log (issue 24, item 3) on every store: each read of personal data is
 * recorded before its response leaves, auditors list the records, the chain verifies,
 * and a read that cannot be recorded is refused.
 */
describe.each(BACKENDS)('read-access log [%s]', (backend) => {
  let t: TestApi;
  let seed: Seeder;
  let id: string;

  beforeAll(async () => {
    t = await startTestApi(backend);
    seed = seeder(t);
    id = freshId();
    await seed.open(id);
    await seed.card(id);
  });
  afterAll(() => t.close());

  const accessOf = async (accountId: string): Promise<AccessItem[]> =>
    (await t.as('auditor').get(`/audit/access?accountId=${accountId}`).expect(200)).body.items;

  it('records each read of personal data with who, which account, what, when and the request id', async () => {
    const reads: Array<[string, string, Parameters<TestApi['as']>[0]]> = [
      ['getAccount', `/accounts/${id}`, 'operator'],
      ['stateAt', `/accounts/${id}/state?atVersion=1`, 'auditor'],
      ['listEvents', `/accounts/${id}/events`, 'auditor'],
      ['exportAccount', `/accounts/${id}/export`, 'admin'],
    ];
    for (const [what, path, who] of reads) {
      const response = await t.as(who).get(path).set('X-Request-Id', `req-${what}`).expect(200);
      expect(response.headers['x-request-id']).toBe(`req-${what}`);
    }
    const items = await accessOf(id);
    expect(items.map((r) => [r.what, r.actor, r.requestId])).toEqual([
      ['getAccount', 'op-1', 'req-getAccount'],
      ['stateAt', 'au-1', 'req-stateAt'],
      ['listEvents', 'au-1', 'req-listEvents'],
      ['exportAccount', 'admin-1', 'req-exportAccount'],
    ]);
    expect(items.every((r) => r.accountId === id && r.at === t.clock.now().toISOString())).toBe(
      true,
    );
  });

  it('records the accounts of audit and ops rows (free text is personal data)', async () => {
    await t.as('auditor').get(`/audit?accountId=${id}`).expect(200);
    await t.as('operator').get('/ops/accounts').expect(200);
    const whats = (await accessOf(id)).map((r) => r.what);
    expect(whats).toEqual(expect.arrayContaining(['listAudit', 'opsAccounts']));
  });

  it('records the ops queues with free-text notes: refunds and frozen accounts', async () => {
    const other = freshId();
    await seed.ready(other, 5_000);
    await seed.refund(other, 'r-1', 1_000);
    await seed.freeze(other);
    await t.app.get<ReadModels>(READ_MODELS, { strict: false }).catchUp();
    await t.as('approver').get('/ops/refunds').expect(200);
    await t.as('operator').get('/ops/frozen-accounts').expect(200);
    expect((await accessOf(other)).map((r) => [r.what, r.actor])).toEqual([
      ['opsRefunds', 'ap-1'],
      ['opsFrozenAccounts', 'op-1'],
    ]);
  });

  it('records the accounts a search shows (their owner names), not the query', async () => {
    const found = freshId();
    await seed.open(found);
    await t
      .as('operator')
      .post('/search', { query: found })
      .set('X-Request-Id', 'req-search')
      .expect(200);
    const records = await accessOf(found);
    expect(records.map((r) => [r.what, r.actor, r.requestId])).toEqual([
      ['searchAccounts', 'op-1', 'req-search'],
    ]);
    // Identifiers only: the record has no field a query (a name, an e-mail) could go in.
    expect(Object.keys(records[0]!).sort()).toEqual(
      ['accountId', 'actor', 'at', 'hash', 'prevHash', 'requestId', 'seq', 'what'].sort(),
    );
  });

  it('records the retention list (cancellation reasons)', async () => {
    const leaving = freshId();
    await seed.ready(leaving, 1_000);
    await seed.requestCancellation(leaving);
    await seed.confirmCancellation(leaving);
    await t.app.get<ReadModels>(READ_MODELS, { strict: false }).catchUp();
    await t.as('operator').get('/ops/retention').expect(200);
    expect((await accessOf(leaving)).map((r) => r.what)).toEqual(['opsRetention']);
  });

  it('records nothing for reads without personal data, or that found nothing', async () => {
    const other = freshId();
    await seed.open(other);
    await t.as('auditor').get(`/accounts/${other}/verify`).expect(200);
    await t.as('operator').get(`/accounts/${freshId()}`).expect(404);
    expect(await accessOf(other)).toEqual([]);
  });

  it('lets auditors and admins filter by actor and time, in pages; nobody else', async () => {
    const byAdmin = await t.as('admin').get(`/audit/access?actor=admin-1&accountId=${id}`);
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.body.items.map((r: AccessItem) => r.what)).toEqual(['exportAccount']);
    const now = t.clock.now().toISOString();
    const page = await t.as('auditor').get(`/audit/access?from=${now}&limit=2`).expect(200);
    expect(page.body.items).toHaveLength(2);
    const next = await t
      .as('auditor')
      .get(`/audit/access?from=${now}&limit=2&after=${page.body.nextAfter}`)
      .expect(200);
    expect(next.body.items[0].seq).toBeGreaterThan(page.body.items[1].seq);
    expect((await t.as('auditor').get(`/audit/access?to=${now}`).expect(200)).body.items).toEqual(
      [],
    );
    for (const who of ['operator', 'compliance', 'approver'] as const) {
      await t.as(who).get('/audit/access').expect(403);
    }
    await t.as(null).get('/audit/access').expect(401);
    for (const bad of ['from=yesterday', 'limit=0', 'after=-1', 'accountId=a%20b']) {
      const refused = await t.as('auditor').get(`/audit/access?${bad}`).expect(400);
      expect(refused.body.code).toBe('VALIDATION_FAILED');
    }
  });

  it('chains the records, holds no personal data, token or key, and verify finds them intact', async () => {
    const log = new AccessLog(t.store as never);
    const check = await log.check();
    expect(check.ok).toBe(true);
    expect(check.checked).toBeGreaterThanOrEqual(6);
    const items: AccessItem[] = (await t.as('auditor').get('/audit/access?limit=1000').expect(200))
      .body.items;
    const stored = JSON.stringify(items);
    for (const secret of ['Ada Lovelace', 'ada@example.com', 'ADA LOVELACE', MASTERCARD]) {
      expect(stored).not.toContain(secret);
    }
    // The card's last four are looked for outside the hashes and the random ids: a hex
    // hash, a generated request id or a random account id holds "4444" by chance often
    // enough to have failed CI once.
    const wordsOnly = JSON.stringify(
      items.map(({ hash: _h, prevHash: _p, accountId: _a, requestId: _r, ...rest }) => rest),
    );
    expect(wordsOnly).not.toContain(MASTERCARD.slice(-4));
    for (const name of ['operator', 'auditor', 'admin'] as const) {
      expect(stored).not.toContain(keyOf(name));
    }
  });

  it('verify finds a record deleted from the database', async () => {
    const log = new AccessLog(t.store as never);
    const { headSeq } = await log.check();
    await deleteAccessRecord(t, 2);
    expect((await log.check()).firstBad).toEqual({ seq: 2, reason: 'missing (deleted)' });
    expect(headSeq).toBeGreaterThan(2);
  });

  // After the tests that filter by time: it moves the shared clock on.
  it('records a polled list at first sight: once per actor and account within 15 minutes, then again', async () => {
    const polled = freshId();
    await seed.ready(polled, 5_000);
    await seed.freeze(polled);
    await t.app.get<ReadModels>(READ_MODELS, { strict: false }).catchUp();
    const poll = (who: 'operator' | 'approver') =>
      t.as(who).get('/ops/frozen-accounts').expect(200);
    await poll('operator');
    await poll('operator'); // the console's next refresh: nothing new was shown
    await poll('approver'); // another person: a first sight of their own
    t.clock.advance(15 * 60_000);
    await poll('operator');
    expect((await accessOf(polled)).map((r) => [r.what, r.actor])).toEqual([
      ['opsFrozenAccounts', 'op-1'],
      ['opsFrozenAccounts', 'ap-1'],
      ['opsFrozenAccounts', 'op-1'],
    ]);
    // A row read (the account itself) is recorded every time.
    await t.as('operator').get(`/accounts/${polled}`).expect(200);
    await t.as('operator').get(`/accounts/${polled}`).expect(200);
    expect((await accessOf(polled)).filter((r) => r.what === 'getAccount')).toHaveLength(2);
  });

  it('refuses the read (503, nothing of the data) when it cannot be recorded', async () => {
    await refuseAccessWrites(t);
    const refused = await t.as('operator').get(`/accounts/${id}`).expect(503);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.body.code).toBe('ACCESS_LOG_UNAVAILABLE');
    expect(JSON.stringify(refused.body)).not.toContain('Ada');
    const logged = t.logs.find((line) => line.includes(refused.headers['x-request-id']!));
    expect(logged).toBeDefined();
    expect(t.logs.some((line) => line.includes('read-access log: recording failed'))).toBe(true);
    // Reads without personal data still work.
    await t.as('auditor').get(`/accounts/${id}/verify`).expect(200);
  });
});

/** Deletes access record `seq` with SQL, as someone with database access could. */
async function deleteAccessRecord(t: TestApi, seq: number): Promise<void> {
  if (t.sqliteFile) {
    const db = new Database(t.sqliteFile);
    db.prepare('DELETE FROM records WHERE collection = ? AND key = ?').run(
      ACCESS_COLLECTION,
      seqKey(seq),
    );
    db.close();
    return;
  }
  await t.pg!.pool.query(
    `DELETE FROM "${t.pg!.schema}".records WHERE collection = $1 AND key = $2`,
    [ACCESS_COLLECTION, seqKey(seq)],
  );
}

/** A database that refuses new access records (a trigger): a real failure, no mock. */
async function refuseAccessWrites(t: TestApi): Promise<void> {
  if (t.sqliteFile) {
    const db = new Database(t.sqliteFile);
    db.exec(`CREATE TRIGGER refuse_access BEFORE INSERT ON records
             WHEN NEW.collection = '${ACCESS_COLLECTION}'
             BEGIN SELECT RAISE(ABORT, 'access log refused'); END`);
    db.close();
    return;
  }
  const { pool, schema } = t.pg!;
  await pool.query(`CREATE FUNCTION "${schema}".refuse_access() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'access log refused'; END $$`);
  await pool.query(`CREATE TRIGGER refuse_access BEFORE INSERT ON "${schema}".records
    FOR EACH ROW WHEN (NEW.collection = '${ACCESS_COLLECTION}')
    EXECUTE FUNCTION "${schema}".refuse_access()`);
}

describe('read-access log and evidence bundles', () => {
  it("records an account's evidence bundle (its events) as read", async () => {
    const signer = new NoteSigner('bank.example/log', generateKeyPairSync('ed25519').privateKey);
    const t = await startTestApi('sqlite', {
      checkpoints: { keyProvider: { signer: () => signer }, everyEvents: 1, tickMs: 3_600_000 },
    });
    try {
      const id = freshId();
      await seeder(t).open(id);
      await t.app.get(AuditLogService, { strict: false }).tick();
      await t.as('auditor').get(`/accounts/${id}/evidence`).expect(200);
      const items = (await t.as('auditor').get(`/audit/access?accountId=${id}`).expect(200)).body
        .items as AccessItem[];
      expect(items.map((r) => [r.what, r.actor])).toEqual([['accountEvidence', 'au-1']]);
    } finally {
      await t.close();
    }
  });
});

describe('read-access log in OpenAPI', () => {
  let t: TestApi;
  beforeAll(async () => {
    t = await startTestApi('sqlite');
  });
  afterAll(() => t.close());

  it('documents GET /audit/access and the 503 of every recorded read', async () => {
    const doc = (await t.as(null).get('/docs/openapi.json').expect(200)).body;
    const list = doc.paths['/audit/access'].get;
    expect(list.operationId).toBe('listAccess');
    expect(list.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['accountId', 'actor', 'from', 'to', 'after', 'limit']),
    );
    for (const [path, method] of [
      ['/accounts/{id}', 'get'],
      ['/accounts/{id}/export', 'get'],
      ['/audit', 'get'],
    ] as const) {
      expect(doc.paths[path][method].responses['503'].description).toMatch(
        /ACCESS_LOG_UNAVAILABLE/,
      );
    }
  });
});
