import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { accountStreamId } from '@account-ops/engine';
import { SqliteEventStore } from '@account-ops/event-store';
import { AppendGate, FakeClock } from '@account-ops/testing';
import { seeder } from './support/seed';
import { freshId, START, startTestApi, type TestApi } from './support/test-api';

const open = (accountId: string) => ({
  accountId,
  ownerName: 'Shed Test',
  ownerEmail: 'shed@example.com',
  currency: 'EUR',
});

/**
 * The API on SQLite with a bound of 2 commands in flight, and a gate at the store that
 * holds appends: two writes (of two actors) held there fill the bound, so what comes next
 * is shed — deterministically, without timing.
 */
describe('load shedding [sqlite]', () => {
  let t: TestApi;
  let gate: AppendGate;
  let store: SqliteEventStore;
  let dir: string;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'aos-shed-'));
    const clock = new FakeClock(START);
    store = new SqliteEventStore({ filename: join(dir, 'api.db'), now: () => clock.now() });
    gate = new AppendGate();
    t = await startTestApi('sqlite', { store: gate.wrap(store), clock, maxQueuedCommands: 2 });
  });
  afterEach(async () => {
    gate.open();
    await t.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function fillTheBound(): Promise<Array<Promise<request.Response>>> {
    gate.close();
    // Two actors: one alone may hold only half of the bound.
    const held = (['operator', 'admin'] as const).map((actor) =>
      t
        .as(actor)
        .post('/accounts', open(freshId('busy')))
        .then((res) => res),
    );
    await gate.whenWaiting(2);
    return held;
  }

  it('sheds a write with 503 OVERLOADED and Retry-After, writes nothing, and runs its retry once', async () => {
    const id = freshId();
    const held = await fillTheBound();
    const events = async () => (await store.readAll({})).length;
    const before = await events();
    const shed = await t.as('operator').post('/accounts', open(id), 'open-shed').expect(503);
    expect(shed.headers['retry-after']).toBe('1');
    expect(shed.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(shed.body).toMatchObject({
      type: 'urn:account-ops:problem:overloaded',
      status: 503,
      code: 'OVERLOADED',
      detail: expect.stringContaining('nothing was written'),
    });
    gate.open();
    for (const res of await Promise.all(held)) expect(res.status).toBe(201);
    expect(await events()).toBe(before + 2); // the two held commands, not the shed one
    expect(await store.getRecord('idempotency', `op-1/open-shed`)).toBeUndefined();

    const retried = await t.as('operator').post('/accounts', open(id), 'open-shed').expect(201);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
    const again = await t.as('operator').post('/accounts', open(id), 'open-shed').expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.text).toBe(retried.text);
    const stream = await store.readStream(accountStreamId(id));
    expect(stream.map((e) => e.type)).toEqual(['AccountOpened']);
  });

  it('keeps reads working while it sheds writes, and says so on /health and /metrics', async () => {
    const id = freshId();
    await seeder(t).open(id);
    const held = await fillTheBound();
    await t.as('auditor').get(`/accounts/${id}`).expect(200);
    await t.as('auditor').get(`/accounts/${id}/events`).expect(200);
    await t.as('auditor').get(`/accounts/${id}/export`).expect(200);
    await t.as('auditor').get(`/audit?accountId=${id}`).expect(200);
    await t.as('operator').get('/ops/refunds').expect(200);

    const health = await request(t.server).get('/health').expect(503);
    expect(health.body).toMatchObject({
      code: 'NOT_READY',
      details: {
        status: 'error',
        error: { commands: { status: 'down', inFlight: 2, limit: 2, shedding: true } },
      },
    });
    await t
      .as('admin')
      .post(`/accounts/${id}/freezes`, { reason: 'manual', note: 'chargeback' })
      .expect(503);
    const metrics = await request(t.server).get('/metrics').expect(200);
    expect(metrics.text).toMatch(/^account_ops_commands_in_flight 2$/m);
    expect(metrics.text).toMatch(/^account_ops_commands_in_flight_limit 2$/m);
    expect(metrics.text).toMatch(
      /account_ops_commands_total\{type="Freeze",outcome="OVERLOADED"\} 1/,
    );

    gate.open();
    await Promise.all(held);
    const ready = await request(t.server).get('/health').expect(200);
    expect(ready.body.info.commands).toEqual({
      status: 'up',
      inFlight: 0,
      limit: 2,
      shedding: false,
    });
  });
});
