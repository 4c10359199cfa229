import { Client, Pool } from 'pg';
import { collect, observeReads } from '../../../testing/src/postgres/subscription-probes';
import {
  dropSchema,
  freshSchemaName,
  testPgUrl,
  usesPglite,
} from '../../../testing/src/postgres/test-database';
import { eventStoreContract } from '../contract/event-store.contract';
import { newEvent, numbered } from '../contract/sample-events';
import { StreamNotFound, WrongExpectedVersion } from '../port/errors';
import { comparePositions, START } from '../port/position';
import { groupCommitCases } from './group-commit.cases';
import { appendInTransaction } from './postgres-append';
import { PostgresEventStore } from './postgres-event-store';
import { notifyChannel, type PostgresEventStoreOptions } from './postgres-options';
import { postgresSql } from './postgres-sql';
import { SCHEMA_VERSION } from './postgres-schema';

// Everything PostgreSQL-specific lives in this one file on purpose: jest runs files in
// parallel, and a transaction held open here would hold back the read horizon (and thus
// readAll right after an append) of stores tested in another file on the same server.

const url = testPgUrl();
const admin = new Pool({ connectionString: url, max: 2 });
afterAll(() => admin.end());

eventStoreContract('postgres', async ({ now }) => {
  const schema = freshSchemaName();
  const store = await PostgresEventStore.connect({ connectionString: url, schema, now });
  return {
    store,
    async tamperData(streamId, version) {
      await admin.query(
        `UPDATE "${schema}".events SET data = '{"tampered":true}'
         WHERE stream_id = $1 AND version = $2`,
        [streamId, version],
      );
    },
    async dispose() {
      await store.close();
      await dropSchema(admin, schema);
    },
  };
});

describe('PostgresEventStore', () => {
  const opened: PostgresEventStore[] = [];
  const rawClients: Client[] = [];
  const schemas: string[] = [];
  const onRealServer = usesPglite() ? it.skip : it;

  function newSchema(): string {
    schemas.push(freshSchemaName());
    return schemas[schemas.length - 1]!;
  }

  async function open(
    schema: string,
    options: Partial<PostgresEventStoreOptions> = {},
  ): Promise<PostgresEventStore> {
    const store = await PostgresEventStore.connect({ connectionString: url, schema, ...options });
    opened.push(store);
    return store;
  }

  afterEach(async () => {
    // First end raw sessions: one left in a transaction (a failed test) would block DROP SCHEMA.
    await Promise.all(rawClients.splice(0).map((client) => client.end()));
    await Promise.all(opened.splice(0).map((store) => store.close()));
    await Promise.all(schemas.splice(0).map((schema) => dropSchema(admin, schema)));
  });

  it('migrates once when two stores connect to a new schema at the same moment', async () => {
    const schema = newSchema();
    const [first] = await Promise.all([open(schema), open(schema)]);
    const again = await open(schema);
    const applied = await admin.query(`SELECT version FROM "${schema}".event_store_migrations`);
    expect(applied.rows).toEqual(
      Array.from({ length: SCHEMA_VERSION }, (_, i) => ({ version: i + 1 })),
    );
    await first!.appendToStream('s', numbered(1), { expectedVersion: 'no_stream' });
    expect(await again.readStream('s')).toHaveLength(1);
  });

  it('lets exactly one append win when two stores (two pools) race on one stream', async () => {
    const schema = newSchema();
    const a = await open(schema);
    const b = await open(schema);
    await a.appendToStream('hot', numbered(1), { expectedVersion: 'no_stream' });
    const results = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) =>
        (i % 2 ? a : b).appendToStream('hot', numbered(1, `Writer${i}`), { expectedVersion: 1 }),
      ),
    );
    const losers = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(losers).toHaveLength(39);
    losers.forEach((r) => expect(r.reason).toBeInstanceOf(WrongExpectedVersion));
    losers.forEach((r) => expect(r.reason).toMatchObject({ expected: 1, actual: 2 }));
    expect((await b.readStream('hot')).map((e) => e.version)).toEqual([1, 2]);
  });

  it('refuses to open when stored transaction ids are ahead (logical restore)', async () => {
    const schema = newSchema();
    const store = await open(schema);
    await store.appendToStream('s', numbered(1), { expectedVersion: 'no_stream' });
    await admin.query(
      `UPDATE "${schema}".events
       SET transaction_id = (pg_current_xact_id()::text::bigint + 1000000)::text::xid8`,
    );
    await expect(open(schema)).rejects.toThrow(/transaction ids are ahead/);
  });

  it('keeps strings that jsonb would refuse: NUL and lone surrogates', async () => {
    const store = await open(newSchema());
    const data = { nul: 'a\u0000b', lone: '\ud800', pair: '\ud83c\udfe6' };
    await store.appendToStream('odd', [newEvent('Odd', data)], { expectedVersion: 'no_stream' });
    expect((await store.readStream('odd'))[0]!.data).toEqual(data);
  });

  it('answers a stream read and whether the stream exists in one query', async () => {
    const store = await open(newSchema());
    await store.appendToStream('s', numbered(3), { expectedVersion: 'no_stream' });
    const queries: string[] = [];
    // Counts the queries the real pool runs; nothing is replaced.
    const query = store.connectionPool.query.bind(store.connectionPool);
    jest.spyOn(store.connectionPool, 'query').mockImplementation(((
      text: string,
      ...rest: unknown[]
    ) => {
      queries.push(text);
      return (query as (...args: unknown[]) => unknown)(text, ...rest);
    }) as never);
    expect(await store.readStream('s', { fromVersion: 4 })).toEqual([]);
    expect(await store.readStream('s', { fromVersion: 3, maxCount: 1 })).toHaveLength(1);
    const back = await store.readStream('s', { direction: 'backwards', fromVersion: 99 });
    expect(back.map((e) => e.version)).toEqual([3, 2, 1]);
    await expect(store.readStream('missing')).rejects.toBeInstanceOf(StreamNotFound);
    expect(queries).toHaveLength(4);
  });

  onRealServer('wakes a subscriber when another process appends (NOTIFY)', async () => {
    const schema = newSchema();
    const writer = await open(schema, { listen: false });
    // A poll interval far beyond the test timeout: only a notification can wake the reader.
    const reader = await open(schema, { pollIntervalMs: 600_000 });
    const reads = observeReads(reader);
    const collector = collect(reader.subscribeToAll());
    await reads.nth(1);
    await writer.appendToStream('elsewhere', numbered(1), { expectedVersion: 'no_stream' });
    await collector.until(1);
    expect(collector.events[0]!.streamId).toBe('elsewhere');
    await collector.stop();
  });

  onRealServer('delivers a late-committing transaction first, and each event once', async () => {
    const schema = newSchema();
    const store = await open(schema, { pollIntervalMs: 600_000 });
    const reads = observeReads(store);
    const collector = collect(store.subscribeToAll());
    await reads.nth(1); // caught up on an empty store; now waiting for a wake-up

    // T1 writes through the adapter's own SQL and stays open; T2 starts later, commits first.
    const late = new Client(url);
    rawClients.push(late);
    await late.connect();
    await late.query('BEGIN');
    const [lateEvent] = await appendInTransaction(late, postgresSql(schema), {
      streamId: 'late',
      events: [newEvent('Late')],
      expectedVersion: 'no_stream',
      now: new Date(),
      channel: notifyChannel(schema),
    });
    const early = await store.appendToStream('early', [newEvent('Early')], {
      expectedVersion: 'no_stream',
    });
    expect(comparePositions(lateEvent!.globalPosition, early.position!)).toBe(-1);

    // The read that T2's commit woke, and fresh reads, must not pass T1's open transaction.
    expect(await reads.nth(2)).toEqual([]);
    expect(collector.events).toEqual([]);
    expect(await store.readAll()).toEqual([]);
    // The Merkle log's narrow read keeps the same horizon: no leaf ahead of an open transaction.
    expect(await store.readLeafSources({})).toEqual([]);
    expect(await store.headPosition()).toEqual(START);

    await late.query('COMMIT'); // its NOTIFY wakes the subscriber
    await collector.until(2);
    await store.appendToStream('after', [newEvent('After')], { expectedVersion: 'no_stream' });
    await collector.until(3);
    expect(collector.events.map((e) => e.type)).toEqual(['Late', 'Early', 'After']);
    expect(await store.readAll()).toEqual(collector.events);
    expect((await store.readLeafSources({})).map((leaf) => leaf.streamId)).toEqual([
      'late',
      'early',
      'after',
    ]);
    await collector.stop();
  });

  groupCommitCases({
    open: ({ schema, ...options } = {}) => open(schema ?? newSchema(), options),
    rawClient: async () => {
      const client = new Client(url);
      rawClients.push(client);
      await client.connect();
      return client;
    },
    onRealServer,
  });
});
