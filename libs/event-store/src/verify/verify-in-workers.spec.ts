import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { numbered } from '../contract/sample-events';
import { verifyStream } from '../hash/verify-stream';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';
import { verifyStreamsInWorkers } from './verify-in-workers';

describe('verifyStreamsInWorkers on SQLite', () => {
  jest.setTimeout(30_000);
  let dir: string;
  let filename: string;
  const streams = Array.from({ length: 9 }, (_, i) => `s${i}`);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'aos-verify-'));
    filename = join(dir, 'events.db');
    const store = new SqliteEventStore({ filename });
    for (const [i, streamId] of streams.entries()) {
      await store.appendToStream(streamId, numbered(3 + i), { expectedVersion: 'no_stream' });
    }
    // Two streams broken, in different chunks: one event's data, and a link's prevHash.
    store.db
      .prepare(
        `UPDATE events SET data = replace(data, '}', ',"x":1}') WHERE stream_id = ? AND version = ?`,
      )
      .run('s2', 4);
    store.db
      .prepare(
        `UPDATE events SET metadata = json_set(metadata, '$.prevHash', ?) WHERE stream_id = ? AND version = ?`,
      )
      .run('0'.repeat(64), 's7', 6);
    await store.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds what verifyStream finds, stream by stream, in the order given', async () => {
    const store = new SqliteEventStore({ filename, readonly: true });
    const expected = [];
    let events = 0;
    for (const streamId of streams) {
      const result = await verifyStream(streamId, await store.readStream(streamId));
      events += result.checked;
      if (result.firstBad) expected.push({ streamId, firstBad: result.firstBad });
    }
    await store.close();
    const progress: number[] = [];
    const inWorkers = await verifyStreamsInWorkers({ kind: 'sqlite', filename }, streams, {
      workers: 2,
      chunkSize: 2,
      onProgress: (n) => progress.push(n),
    });
    expect(expected.map((b) => [b.streamId, b.firstBad.reason])).toEqual([
      ['s2', 'hash_mismatch'],
      ['s7', 'prev_hash_mismatch'],
    ]);
    expect(inWorkers).toEqual({ events, broken: expected });
    expect(progress).toHaveLength(5);
    expect(progress.at(-1)).toBe(events);
  });

  it('stops handing out chunks once aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(
      verifyStreamsInWorkers({ kind: 'sqlite', filename }, streams, { signal: controller.signal }),
    ).rejects.toThrow('stop');
  });

  it('fails, rather than reporting a clean store, when a worker cannot open it', async () => {
    await expect(
      verifyStreamsInWorkers({ kind: 'sqlite', filename: join(dir, 'missing.db') }, streams),
    ).rejects.toThrow();
  });
});
