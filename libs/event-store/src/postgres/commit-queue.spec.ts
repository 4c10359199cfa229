import { CommitQueue, type JobOutcome } from './commit-queue';

/** A runGroup whose groups finish only when the test says so. */
function controlledGroups() {
  const groups: { jobs: readonly number[]; finish: (outcomes: JobOutcome<string>[]) => void }[] =
    [];
  const run = (jobs: readonly number[]) =>
    new Promise<JobOutcome<string>[]>((finish) => groups.push({ jobs, finish }));
  return { groups, run };
}

const ok = (jobs: readonly number[]): JobOutcome<string>[] =>
  jobs.map((j) => ({ ok: true, value: `done ${j}` }));
const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('CommitQueue', () => {
  it('starts jobs submitted together as one group, and later ones as the next group', async () => {
    const { groups, run } = controlledGroups();
    const queue = new CommitQueue(run, { maxGroups: 1, maxGroupSize: 100 });
    const first = [1, 2, 3].map((j) => queue.submit(j));
    await turn();
    const later = [4, 5].map((j) => queue.submit(j));
    await turn();
    expect(groups.map((g) => g.jobs)).toEqual([[1, 2, 3]]);
    expect(queue.pending).toEqual({ waiting: 2, groups: 1 });
    groups[0]!.finish(ok([1, 2, 3]));
    expect(await Promise.all(first)).toEqual(['done 1', 'done 2', 'done 3']);
    await turn();
    expect(groups.map((g) => g.jobs)).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
    groups[1]!.finish(ok([4, 5]));
    expect(await Promise.all(later)).toEqual(['done 4', 'done 5']);
  });

  it('settles no job before its group has finished', async () => {
    const { groups, run } = controlledGroups();
    const queue = new CommitQueue(run, { maxGroups: 1, maxGroupSize: 100 });
    let settled = false;
    const job = queue.submit(1).finally(() => (settled = true));
    await turn();
    await turn();
    expect(settled).toBe(false);
    groups[0]!.finish(ok([1]));
    await job;
    expect(settled).toBe(true);
  });

  it('runs up to maxGroups groups at once, of at most maxGroupSize jobs', async () => {
    const { groups, run } = controlledGroups();
    const queue = new CommitQueue(run, { maxGroups: 2, maxGroupSize: 2 });
    const jobs = [1, 2, 3, 4, 5].map((j) => queue.submit(j));
    await turn();
    expect(groups.map((g) => g.jobs)).toEqual([
      [1, 2],
      [3, 4],
    ]);
    groups[1]!.finish(ok([3, 4]));
    await turn();
    await turn();
    expect(groups.map((g) => g.jobs)).toEqual([[1, 2], [3, 4], [5]]);
    groups[0]!.finish(ok([1, 2]));
    groups[2]!.finish(ok([5]));
    expect(await Promise.all(jobs)).toHaveLength(5);
  });

  it('fails only the jobs whose outcome is an error, and every job of a group that throws', async () => {
    const { groups, run } = controlledGroups();
    const queue = new CommitQueue(run, { maxGroups: 1, maxGroupSize: 100 });
    const first = [1, 2].map((j) => queue.submit(j).catch((e: Error) => e.message));
    await turn();
    groups[0]!.finish([
      { ok: true, value: 'done 1' },
      { ok: false, error: new Error('refused 2') },
    ]);
    expect(await Promise.all(first)).toEqual(['done 1', 'refused 2']);

    const failing = new CommitQueue<number, string>(
      () => Promise.reject(new Error('connection lost')),
      { maxGroups: 1, maxGroupSize: 100 },
    );
    const results = await Promise.allSettled([failing.submit(1), failing.submit(2)]);
    expect(results.map((r) => r.status === 'rejected' && (r.reason as Error).message)).toEqual([
      'connection lost',
      'connection lost',
    ]);
  });
});
