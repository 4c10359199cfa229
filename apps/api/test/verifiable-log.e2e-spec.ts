import { generateKeyPairSync } from 'node:crypto';
import Database from 'better-sqlite3';
import {
  parseVerifierKey,
  verifyCheckpoint,
  verifyCheckpointConsistency,
  verifyEvidence,
  verifyInclusion,
} from '@account-ops/evidence-verifier';
import {
  computeEventHash,
  hashedContentOf,
  NoteSigner,
  type RecordedEvent,
} from '@account-ops/event-store';
import { AuditLogService } from '../src/audit-log/audit-log.service';
import { seeder, type Seeder } from './support/seed';
import { BACKENDS, freshId, startTestApi, type TestApi } from './support/test-api';

/**
 * The verifiable log through the API on every store: checkpoints, proofs and evidence
 * that the offline verifier accepts; the tamper cases on the SQL stores.
 */
// Several HTTP calls and app starts per test, on a shared and often loaded machine.
jest.setTimeout(60_000);

describe.each(BACKENDS)('verifiable log endpoints [%s]', (backend) => {
  let t: TestApi;
  let seed: Seeder;
  let service: AuditLogService;
  const id = freshId();
  const signer = new NoteSigner('bank.example/log', generateKeyPairSync('ed25519').privateKey);

  beforeAll(async () => {
    t = await startTestApi(backend, {
      checkpoints: { keyProvider: { signer: () => signer }, everyEvents: 1, tickMs: 3_600_000 },
    });
    seed = seeder(t);
    service = t.app.get(AuditLogService, { strict: false });
    await seed.open(id);
    await seed.card(id);
  });
  afterAll(() => t.close());

  const auditor = () => t.as('auditor');

  it('answers 404 CHECKPOINT_NOT_FOUND before the first checkpoint, then the signed checkpoint and its key', async () => {
    await auditor()
      .get('/audit/checkpoints/latest')
      .expect(404)
      .expect((r) => {
        expect(r.body.code).toBe('CHECKPOINT_NOT_FOUND');
      });
    expect(await tickUntil(service, 2)).toMatchObject({ size: 2 });
    const key = (await auditor().get('/audit/checkpoints/key').expect(200)).body;
    expect(key).toMatchObject({
      origin: 'bank.example/log',
      keyId: expect.stringMatching(/^[0-9a-f]{8}$/),
    });
    const latest = (await auditor().get('/audit/checkpoints/latest').expect(200)).body;
    expect(verifyCheckpoint(latest.note, parseVerifierKey(key.verifierKey))).toMatchObject({
      ok: true,
      value: { size: 2 },
    });
    await t.as('operator').get('/audit/checkpoints/latest').expect(403);
  });

  it('proves an event and the consistency of two checkpoints; refuses bad queries with problems', async () => {
    const first = (await auditor().get('/audit/checkpoints/latest').expect(200)).body;
    const [event] = (await auditor().get(`/accounts/${id}/events?limit=1`).expect(200)).body.items;
    const proof = (
      await auditor()
        .get(`/audit/proofs/inclusion?eventId=${event.eventId}&treeSize=${first.size}`)
        .expect(200)
    ).body;
    const root = Buffer.from(first.root, 'base64');
    const path = proof.inclusionProof.map((h: string) => Buffer.from(h, 'base64'));
    expect(
      verifyInclusion(
        Buffer.from(proof.leafHash, 'base64'),
        proof.leafIndex,
        first.size,
        path,
        root,
      ),
    ).toEqual({ ok: true });

    await seed.initiate(id, 'tu-1', 1_000);
    await tickUntil(service, 3);
    const second = (await auditor().get('/audit/checkpoints/latest').expect(200)).body;
    expect(second.size).toBe(3);
    const consistency = (
      await auditor()
        .get(`/audit/proofs/consistency?from=${first.size}&to=${second.size}`)
        .expect(200)
    ).body;
    expect(
      verifyCheckpointConsistency(first.note, second.note, consistency, signer.verifier),
    ).toEqual({
      ok: true,
      value: { oldSize: 2, newSize: 3 },
    });

    for (const [query, status, code] of [
      ['/audit/proofs/inclusion?eventId=nope', 400, 'VALIDATION_FAILED'],
      [`/audit/proofs/inclusion?eventId=${event.eventId}&treeSize=99`, 404, 'TREE_SIZE_NOT_FOUND'],
      [
        '/audit/proofs/inclusion?eventId=00000000-0000-7000-8000-000000000000',
        404,
        'EVENT_NOT_FOUND',
      ],
      ['/audit/proofs/consistency?from=3&to=2', 400, 'VALIDATION_FAILED'],
      ['/audit/proofs/consistency?from=1&to=-1', 400, 'VALIDATION_FAILED'],
    ] as const) {
      const r = await auditor().get(query).expect(status);
      expect({ query, code: r.body.code, type: r.headers['content-type'] }).toEqual({
        query,
        code,
        type: expect.stringContaining('application/problem+json'),
      });
    }
  });

  it("serves an account's evidence bundle, which the offline verifier accepts", async () => {
    const bundle = (await auditor().get(`/accounts/${id}/evidence`).expect(200)).body;
    expect(verifyEvidence(bundle, signer.verifier)).toMatchObject({
      ok: true,
      value: { events: 3 },
    });
  });

  if (backend === 'split') return;

  it('catches an event rewritten with its chain re-sealed, naming the first differing leaf, and truncation', async () => {
    const other = freshId();
    await seed.open(other);
    await seed.card(other);
    await tickUntil(service, 5);
    await deleteNewest(t);
    expect(await service.log.check()).toMatchObject({ truncated: true });
    await service.log.clear();
    await service.log.catchUp();
    expect(await service.log.check()).toEqual({ size: 4, events: 4 });
    const streamId = `account-${other}`;
    await rewriteAndReseal(t, await t.store.readStream(streamId), 1);
    const check = await service.log.check();
    expect(check.firstDifference?.event).toMatchObject({ streamId, version: 1 });
    expect(check.firstDifference?.index).toBe(3);
  });
});

/**
 * Ticks until a checkpoint covers `size` events. On PostgreSQL an event enters the global
 * order (and so the tree) only once every transaction older than it has ended anywhere on
 * the server, another test's included: one tick right after the append may not see it yet.
 */
async function tickUntil(service: AuditLogService, size: number) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const signed = await service.tick();
    if (signed && signed.size >= size) return signed;
    if (Date.now() > deadline) throw new Error(`no checkpoint of ${size} events within 30 s`);
  }
}

/** An administrator's rewrite of one event (and every later one of its stream), re-sealed. */
async function rewriteAndReseal(
  t: TestApi,
  events: RecordedEvent[],
  fromVersion: number,
): Promise<void> {
  let prevHash = events[fromVersion - 2]?.metadata.hash ?? '0'.repeat(64);
  for (const event of events.slice(fromVersion - 1)) {
    const data =
      event.version === fromVersion ? { ...(event.data as object), currency: 'XXX' } : event.data;
    const changed = { ...event, data, metadata: { ...event.metadata, prevHash } } as RecordedEvent;
    const hash = computeEventHash(prevHash, hashedContentOf(changed));
    const metadata = JSON.stringify({ ...changed.metadata, hash });
    await execute(t, 'UPDATE events SET data = ?, metadata = ? WHERE event_id = ?', [
      JSON.stringify(data),
      metadata,
      event.eventId,
    ]);
    prevHash = hash;
  }
}

async function deleteNewest(t: TestApi): Promise<void> {
  if (t.sqliteFile) {
    await execute(
      t,
      'DELETE FROM events WHERE global_position = (SELECT max(global_position) FROM events)',
      [],
    );
  } else {
    await execute(t, 'DELETE FROM events WHERE seq = (SELECT max(seq) FROM events)', []);
  }
}

async function execute(t: TestApi, sql: string, params: unknown[]): Promise<void> {
  if (t.sqliteFile) {
    const db = new Database(t.sqliteFile);
    try {
      db.prepare(sql).run(...params);
    } finally {
      db.close();
    }
    return;
  }
  const { pool, schema } = t.pg!;
  let i = 0;
  const text = sql.replace(/\?/g, () => `$${++i}`).replace(/\bevents\b/g, `"${schema}".events`);
  await pool.query(text, params);
}
