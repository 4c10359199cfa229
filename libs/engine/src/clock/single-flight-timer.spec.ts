import { SingleFlightTimer } from './single-flight-timer';

describe('SingleFlightTimer', () => {
  it('joins a run in progress instead of starting a second one', async () => {
    let runs = 0;
    let release!: () => void;
    const timer = new SingleFlightTimer(async () => {
      runs++;
      await new Promise<void>((resolve) => (release = resolve));
      return runs;
    });
    const first = timer.run();
    const second = timer.run();
    release();
    expect(await Promise.all([first, second])).toEqual([1, 1]);
    const third = timer.run();
    release();
    expect(await third).toBe(2);
  });

  it('starts a new run after a failed one, and stop waits for the current run', async () => {
    let calls = 0;
    const timer = new SingleFlightTimer(async () => {
      calls++;
      if (calls === 1) throw new Error('first fails');
      return calls;
    });
    await expect(timer.run()).rejects.toThrow('first fails');
    await expect(timer.run()).resolves.toBe(2);
    await expect(timer.stop()).resolves.toBeUndefined();
  });
});
