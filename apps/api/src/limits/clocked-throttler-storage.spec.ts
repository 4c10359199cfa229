import { FakeClock } from '@account-ops/testing';
import { ClockedThrottlerStorage } from './clocked-throttler-storage';

const START = '2026-03-02T09:00:00.000Z';

describe('ClockedThrottlerStorage', () => {
  it('counts a fixed window and, without a block duration, refuses until it ends', async () => {
    const clock = new FakeClock(START);
    const storage = new ClockedThrottlerStorage(clock);
    const hit = () => storage.increment('k', 10_000, 2, 0, 'key');
    expect(await hit()).toEqual({
      totalHits: 1,
      timeToExpire: 10,
      isBlocked: false,
      timeToBlockExpire: 0,
    });
    clock.advance(4_000);
    expect(await hit()).toMatchObject({ totalHits: 2, isBlocked: false });
    expect(await hit()).toEqual({
      totalHits: 3,
      timeToExpire: 6,
      isBlocked: true,
      timeToBlockExpire: 6,
    });
    clock.advance(5_500);
    // Blocked requests are not counted; the wait only shrinks.
    expect(await hit()).toEqual({
      totalHits: 3,
      timeToExpire: 1,
      isBlocked: true,
      timeToBlockExpire: 1,
    });
    clock.advance(500);
    expect(await hit()).toEqual({
      totalHits: 1,
      timeToExpire: 10,
      isBlocked: false,
      timeToBlockExpire: 0,
    });
  });

  it('with a block duration, blocks for that long from the refused request', async () => {
    const clock = new FakeClock(START);
    const storage = new ClockedThrottlerStorage(clock);
    const hit = () => storage.increment('addr', 60_000, 1, 60_000, 'address');
    await hit();
    clock.advance(50_000);
    expect(await hit()).toMatchObject({ isBlocked: true, timeToBlockExpire: 60 });
    clock.advance(30_000); // the window ended, the block has not
    expect(await hit()).toMatchObject({ isBlocked: true, timeToBlockExpire: 30 });
    clock.advance(30_000);
    expect(await hit()).toMatchObject({ isBlocked: false, totalHits: 1 });
  });

  it('keeps keys apart', async () => {
    const storage = new ClockedThrottlerStorage(new FakeClock(START));
    await storage.increment('a', 1000, 1, 0, 'key');
    expect(await storage.increment('a', 1000, 1, 0, 'key')).toMatchObject({ isBlocked: true });
    expect(await storage.increment('b', 1000, 1, 0, 'key')).toMatchObject({ isBlocked: false });
  });

  it('forgets windows that ended, so one-off addresses do not pile up', async () => {
    const clock = new FakeClock(START);
    const storage = new ClockedThrottlerStorage(clock);
    for (let i = 0; i < 999; i++) await storage.increment(`scan-${i}`, 1000, 5, 1000, 'address');
    expect(storage.size).toBe(999);
    clock.advance(1_000);
    await storage.increment('late', 1000, 5, 1000, 'address'); // the 1000th call sweeps
    expect(storage.size).toBe(1);
  });
});
