import { START } from '../port/position';
import {
  fromEsdbPosition,
  isAfterCheckpoint,
  isStart,
  readPositionAfter,
  toEsdbPosition,
} from './esdb-position';

describe('position mapping', () => {
  it('copies {commit, prepare} both ways', () => {
    const esdb = { commit: 2_000n, prepare: 1_980n };
    expect(fromEsdbPosition(esdb)).toEqual({ commit: 2_000n, prepare: 1_980n });
    expect(fromEsdbPosition(esdb)).not.toBe(esdb);
    expect(toEsdbPosition(fromEsdbPosition(esdb))).toEqual(esdb);
  });

  it('reads our START and a missing checkpoint as the client START', () => {
    expect(isStart(undefined)).toBe(true);
    expect(isStart(START)).toBe(true);
    expect(isStart({ commit: 0n, prepare: 1n })).toBe(false);
    expect(readPositionAfter(undefined)).toBe('start');
    expect(readPositionAfter({ commit: 0n, prepare: 0n })).toBe('start');
    expect(readPositionAfter({ commit: 10n, prepare: 5n })).toEqual({ commit: 10n, prepare: 5n });
  });

  describe('exclusive checkpoints', () => {
    const checkpoint = { commit: 100n, prepare: 80n };
    it.each([
      ['the event at the checkpoint itself', { commit: 100n, prepare: 80n }, false],
      ['an earlier event of the same write', { commit: 100n, prepare: 70n }, false],
      ['an earlier write', { commit: 90n, prepare: 90n }, false],
      ['a later event of the same write', { commit: 100n, prepare: 90n }, true],
      ['a later write', { commit: 120n, prepare: 110n }, true],
    ])('%s is after it: %s', (_label, position, after) => {
      expect(isAfterCheckpoint(position, checkpoint)).toBe(after);
    });

    it('lets every event after START through', () => {
      expect(isAfterCheckpoint({ commit: 1n, prepare: 1n }, START)).toBe(true);
      expect(isAfterCheckpoint({ commit: 1n, prepare: 1n }, undefined)).toBe(true);
    });
  });
});
