import { GroupCommit } from './group-commit';

describe('GroupCommit', () => {
  it('runs jobs submitted in one tick as one batch and settles each on its own', async () => {
    const batches: number[][] = [];
    const group = new GroupCommit<number, number>((jobs) => {
      batches.push(jobs);
      return jobs.map((n) =>
        n < 0 ? { ok: false, error: new Error(`bad ${n}`) } : { ok: true, value: n * 2 },
      );
    });
    const results = await Promise.allSettled([group.submit(1), group.submit(-1), group.submit(3)]);
    expect(batches).toEqual([[1, -1, 3]]);
    expect(results).toEqual([
      { status: 'fulfilled', value: 2 },
      { status: 'rejected', reason: new Error('bad -1') },
      { status: 'fulfilled', value: 6 },
    ]);
    expect(await group.submit(5)).toBe(10);
    expect(batches).toEqual([[1, -1, 3], [5]]);
  });

  it('fails every job of a batch whose commit fails', async () => {
    const group = new GroupCommit<number, number>(() => {
      throw new Error('disk full');
    });
    const results = await Promise.allSettled([group.submit(1), group.submit(2)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });

  it('splits a large queue into batches of at most maxBatch', async () => {
    const sizes: number[] = [];
    const group = new GroupCommit<number, number>((jobs) => {
      sizes.push(jobs.length);
      return jobs.map((value) => ({ ok: true, value }));
    }, 4);
    await Promise.all(Array.from({ length: 10 }, (_, i) => group.submit(i)));
    expect(sizes).toEqual([4, 4, 2]);
  });
});
