import { DuplicateEventId, InvalidEventStoreInput, StreamNotFound } from '../port/errors';
import type { NewEvent } from '../port/envelope';
import type { ExpectedVersion } from '../port/expected-version';
import { type ContractHarness, itUnless } from './contract-harness';
import { newEvent, TEST_ACTOR } from './sample-events';

const circular: Record<string, unknown> = {};
circular.self = circular;

const BAD_APPENDS: Array<[string, string, unknown[], ExpectedVersion]> = [
  ['an empty stream id', '', [newEvent('E')], 'any'],
  ['an over-long stream id', 'x'.repeat(257), [newEvent('E')], 'any'],
  ['a stream id with a control character', 'a\nb', [newEvent('E')], 'any'],
  ['a negative expected version', 's', [newEvent('E')], -1],
  ['a fractional expected version', 's', [newEvent('E')], 1.5],
  [
    'a function in data',
    's',
    [{ type: 'E', data: { f: () => 1 }, metadata: { actor: TEST_ACTOR } }],
    'any',
  ],
  [
    'a bigint in data',
    's',
    [{ type: 'E', data: { n: 1n }, metadata: { actor: TEST_ACTOR } }],
    'any',
  ],
  ['NaN in data', 's', [{ type: 'E', data: { n: NaN }, metadata: { actor: TEST_ACTOR } }], 'any'],
  ['circular data', 's', [{ type: 'E', data: circular, metadata: { actor: TEST_ACTOR } }], 'any'],
  [
    'a Date in data',
    's',
    [{ type: 'E', data: { d: new Date() }, metadata: { actor: TEST_ACTOR } }],
    'any',
  ],
  ['undefined data', 's', [{ type: 'E', data: undefined, metadata: { actor: TEST_ACTOR } }], 'any'],
  ['an empty type', 's', [newEvent('')], 'any'],
  ['a non-UUID event id', 's', [newEvent('E', {}, { eventId: 'not-a-uuid' })], 'any'],
  ['a missing actor', 's', [{ type: 'E', data: {}, metadata: {} }], 'any'],
  [
    'a bad occurredAt',
    's',
    [{ type: 'E', data: {}, metadata: { actor: TEST_ACTOR, occurredAt: 'yesterday' } }],
    'any',
  ],
  ['schema version 0', 's', [newEvent('E', {}, { schemaVersion: 0 })], 'any'],
  [
    'a valid event followed by a broken one',
    's',
    [newEvent('Ok'), { type: 'E', data: { n: Infinity }, metadata: { actor: TEST_ACTOR } }],
    'any',
  ],
];

export function badInputContract(h: () => ContractHarness, noUniqueIdsReason?: string): void {
  const itUniqueIds = itUnless(noUniqueIdsReason);
  describe('bad input', () => {
    it.each(BAD_APPENDS)(
      'refuses %s and writes nothing',
      async (_label, streamId, events, expectedVersion) => {
        const { store } = h();
        await expect(
          store.appendToStream(streamId, events as NewEvent[], { expectedVersion }),
        ).rejects.toBeInstanceOf(InvalidEventStoreInput);
        expect(await store.readAll()).toEqual([]);
      },
    );

    itUniqueIds('refuses an event id that is already stored and writes nothing', async () => {
      const { store } = h();
      const eventId = '0190a5f0-2222-7abc-8def-0123456789ab';
      await store.appendToStream('one', [newEvent('E', {}, { eventId })], {
        expectedVersion: 'any',
      });
      await expect(
        store.appendToStream('two', [newEvent('Fresh'), newEvent('E', {}, { eventId })], {
          expectedVersion: 'any',
        }),
      ).rejects.toBeInstanceOf(DuplicateEventId);
      await expect(store.readStream('two')).rejects.toBeInstanceOf(StreamNotFound);
      expect(await store.readAll()).toHaveLength(1);
    });

    it.each([
      ['a negative fromVersion', { fromVersion: -1 }],
      ['fromVersion 0', { fromVersion: 0 }],
      ['maxCount 0', { maxCount: 0 }],
      ['an unknown direction', { direction: 'sideways' }],
    ])('refuses to read a stream with %s', async (_label, options) => {
      const { store } = h();
      await store.appendToStream('s', [newEvent('E')], { expectedVersion: 'any' });
      await expect(store.readStream('s', options as never)).rejects.toBeInstanceOf(
        InvalidEventStoreInput,
      );
    });

    it('refuses to read a stream with an empty id', async () => {
      await expect(h().store.readStream('')).rejects.toBeInstanceOf(InvalidEventStoreInput);
    });

    it('refuses a negative position', async () => {
      await expect(
        h().store.readAll({ fromPosition: { commit: -1n, prepare: 0n } }),
      ).rejects.toBeInstanceOf(InvalidEventStoreInput);
    });
  });
}
