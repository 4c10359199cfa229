import { KeyedQueue } from './keyed-queue';

const later = <T>(value: T, log: string[], label: string) =>
  new Promise<T>((resolve) =>
    setTimeout(() => {
      log.push(label);
      resolve(value);
    }, 5),
  );

describe('KeyedQueue', () => {
  it('runs tasks of one key in order and of different keys side by side', async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    const started: string[] = [];
    const task = (label: string) => () => {
      started.push(label);
      return later(label, log, label);
    };
    const results = Promise.all([
      queue.run('a', task('a1')),
      queue.run('a', task('a2')),
      queue.run('b', task('b1')),
    ]);
    // b1 starts at once; a2 waits for a1.
    expect(started).toEqual([]);
    await Promise.resolve();
    await Promise.resolve();
    expect(started).toEqual(['a1', 'b1']);
    expect(await results).toEqual(['a1', 'a2', 'b1']);
    expect(log.indexOf('a1')).toBeLessThan(log.indexOf('a2'));
  });

  it('keeps going after a failed task and forgets idle keys', async () => {
    const queue = new KeyedQueue();
    const failed = queue.run('a', () => Promise.reject(new Error('boom')));
    const next = queue.run('a', async () => 'ok');
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('ok');
    await new Promise((resolve) => setImmediate(resolve));
    expect(queue.size).toBe(0);
  });
});
