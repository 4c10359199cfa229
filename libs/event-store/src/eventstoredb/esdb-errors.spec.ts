import { InvalidEventStoreInput, StreamNotFound, WrongExpectedVersion } from '../port/errors';
import { EsdbAppendTooLarge, EsdbRevisionConflict, EsdbStreamNotFound } from './esdb-client-errors';
import { collectStream, translateAppendError, UnreadableEsdbEvent } from './esdb-errors';

const conflict = (current: 'no_stream' | bigint) => new EsdbRevisionConflict('ns-s', current);

describe('translateAppendError', () => {
  it.each([
    [4n, 5],
    [0n, 1],
    ['no_stream', 0],
  ] as const)(
    'turns a conflict at current revision %s into WrongExpectedVersion with actual %d',
    (current, actual) => {
      const error = translateAppendError(conflict(current), 's', 2);
      expect(error).toBeInstanceOf(WrongExpectedVersion);
      // Our stream id and the caller's expected version, not the server's spelling.
      expect(error).toMatchObject({ streamId: 's', expected: 2, actual });
    },
  );

  it('turns an over-size append into InvalidEventStoreInput on events', () => {
    const error = translateAppendError(new EsdbAppendTooLarge(1024), 's', 'any');
    expect(error).toBeInstanceOf(InvalidEventStoreInput);
    expect(error).toMatchObject({ field: 'events', message: expect.stringContaining('1024') });
  });

  it('passes other failures through', () => {
    const unavailable = new Error('14 UNAVAILABLE');
    expect(translateAppendError(unavailable, 's', 'any')).toBe(unavailable);
  });
});

describe('collectStream', () => {
  async function* failing(error: Error, before: number[] = []): AsyncGenerator<number> {
    yield* before;
    throw error;
  }

  it('collects every item', async () => {
    async function* three(): AsyncGenerator<number> {
      yield* [1, 2, 3];
    }
    expect(await collectStream('s', three())).toEqual([1, 2, 3]);
  });

  it('turns EsdbStreamNotFound thrown while iterating into StreamNotFound with our id', async () => {
    const error = await collectStream('s', failing(new EsdbStreamNotFound('ns-s'))).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StreamNotFound);
    expect(error).toMatchObject({ streamId: 's', code: 'STREAM_NOT_FOUND' });
  });

  it('rethrows other errors raised while iterating', async () => {
    const boom = new Error('14 UNAVAILABLE');
    await expect(collectStream('s', failing(boom, [1]))).rejects.toBe(boom);
  });
});

describe('UnreadableEsdbEvent', () => {
  it('names the server stream, revision and reason', () => {
    const error = new UnreadableEsdbEvent('ns-s', 3n, 'not a JSON event');
    expect(error.message).toBe('EventStoreDB event ns-s@3 is unreadable: not a JSON event');
    expect(error.name).toBe('UnreadableEsdbEvent');
  });
});
