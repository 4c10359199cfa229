import { KeyedQueue } from './keyed-queue';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('KeyedQueue', () => {
  it('runs tasks of one key in order, one at a time, and other keys alongside', async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    const gate = deferred();
    const first = queue.run('a', async () => {
      log.push('a1 start');
      await gate.promise;
      log.push('a1 end');
    });
    const second = queue.run('a', async () => {
      log.push('a2');
    });
    const other = queue.run('b', async () => {
      log.push('b1');
    });
    await other;
    expect(log).toEqual(['a1 start', 'b1']);
    gate.resolve();
    await Promise.all([first, second]);
    expect(log).toEqual(['a1 start', 'b1', 'a1 end', 'a2']);
  });

  it('keeps going after a failed task and reports each outcome to its caller', async () => {
    const queue = new KeyedQueue();
    const failed = queue.run('a', async () => {
      throw new Error('boom');
    });
    const next = queue.run('a', async () => 42);
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe(42);
  });

  it('forgets idle keys', async () => {
    const queue = new KeyedQueue();
    await queue.run('a', async () => 1);
    await Promise.resolve();
    expect(queue.size).toBe(0);
  });
});
