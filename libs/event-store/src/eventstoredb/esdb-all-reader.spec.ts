import type { Position } from '../port/position';
import { scanAll } from './esdb-all-reader';
import type { EsdbAllResolvedEvent, EsdbClient, EsdbReadAllOptions } from './esdb-client';
import { FakeEsdbClient, FakeEsdbServer } from './testing/fake-esdb';

function serverWith(streams: string[]): FakeEsdbServer {
  const server = new FakeEsdbServer();
  streams.forEach((stream, i) => server.write(stream, [server.foreign('E', { i })], 'any'));
  return server;
}

const ours = (e: { streamId: string }) => e.streamId.startsWith('ours-');
const indexes = (events: Array<{ data: unknown }>) =>
  events.map((e) => (e.data as { i: number }).i);

/** Counts round trips. */
class CountingClient extends FakeEsdbClient {
  readonly reads: EsdbReadAllOptions[] = [];
  override readAll(options: EsdbReadAllOptions): AsyncIterable<EsdbAllResolvedEvent> {
    this.reads.push(options);
    return super.readAll(options);
  }
}

describe('scanAll', () => {
  const streams = ['ours-a', 'other', 'ours-b', 'other', 'other', 'other', 'ours-a', 'ours-c'];

  it('pages forwards through $all, keeping ours once each although pages restart inclusively', async () => {
    const client = new CountingClient(serverWith(streams));
    const events = await scanAll(client, { direction: 'forwards', pageSize: 3, accept: ours });
    expect(indexes(events)).toEqual([0, 2, 6, 7]);
    // 10 events in the log (2 system ones), 3 per page with one repeat each: 5 round trips.
    expect(client.reads).toHaveLength(5);
    expect(client.reads[0]!.fromPosition).toBe('start');
    expect(client.reads[1]!.fromPosition).toEqual(
      expect.objectContaining({ commit: expect.any(BigInt) }),
    );
  });

  it('starts strictly after a checkpoint and stops at the limit', async () => {
    const server = serverWith(streams);
    const client = new FakeEsdbClient(server);
    const all = await scanAll(client, { direction: 'forwards', pageSize: 4, accept: ours });
    const checkpoint: Position = all[1]!.position;
    const after = await scanAll(client, {
      direction: 'forwards',
      from: checkpoint,
      pageSize: 4,
      accept: ours,
    });
    expect(indexes(after)).toEqual([6, 7]);
    const limited = await scanAll(client, {
      direction: 'forwards',
      pageSize: 4,
      accept: ours,
      limit: 3,
    });
    expect(indexes(limited)).toEqual([0, 2, 6]);
  });

  it('reads backwards from the end, past other streams, for the last of ours', async () => {
    const client = new FakeEsdbClient(serverWith(['ours-a', 'other', 'other', 'other', 'other']));
    const [last] = await scanAll(client, {
      direction: 'backwards',
      pageSize: 2,
      accept: ours,
      limit: 1,
    });
    expect(last!.data).toEqual({ i: 0 });
    const none = await scanAll(client, {
      direction: 'backwards',
      pageSize: 2,
      accept: (e) => e.streamId === 'nobody',
      limit: 1,
    });
    expect(none).toEqual([]);
  });

  it('ends when a full page brings nothing new instead of looping', async () => {
    const server = serverWith(['ours-a', 'ours-b']);
    const two = server.log.filter(ours);
    // Whatever is asked, the same two events: a full page, then only repeats.
    class StuckClient extends FakeEsdbClient {
      override async *readAll(): AsyncGenerator<EsdbAllResolvedEvent> {
        for (const event of two) yield { event };
      }
    }
    const stuck: EsdbClient = new StuckClient(server);
    const events = await scanAll(stuck, { direction: 'forwards', pageSize: 2, accept: ours });
    expect(indexes(events)).toEqual([0, 1]);
  });
});
