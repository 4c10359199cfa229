import type { ChildProcess } from 'node:child_process';

/** A child's next message of `type`; rejects on a `failed` report or an early exit. */
export function nextMessage<M extends { readonly type: string }>(
  child: ChildProcess,
  type: M['type'],
): Promise<M> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: M | { type: 'failed'; error: string }) => {
      if (message.type === 'failed')
        finish(() => reject(new Error((message as { error: string }).error)));
      else if (message.type === type) finish(() => resolve(message as M));
    };
    const onExit = (code: number | null) =>
      finish(() => reject(new Error(`bench process exited (${code}) before "${type}"`)));
    const finish = (settle: () => void) => {
      child.off('message', onMessage);
      child.off('exit', onExit);
      settle();
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

/** Resolves when the child has exited (at once if it already has). */
export function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * The child's side: runs `run` with the first job the bench sends, holding it at `started`
 * until the bench says go (so that every process starts its clock together), reports a
 * failure as `failed`, and disconnects when done.
 */
export function serveBenchJob<Job>(
  run: (job: Job, started: Promise<void>) => Promise<void>,
  report: (message: { type: 'failed'; error: string }) => void,
): void {
  let go: () => void = () => undefined;
  const started = new Promise<void>((resolve) => (go = resolve));
  process.on('message', (message: Job | { type: 'go' }) => {
    if ((message as { type: string }).type === 'go') return go();
    run(message as Job, started).then(
      () => process.disconnect(),
      (error: unknown) => {
        report({ type: 'failed', error: String((error as Error)?.stack ?? error) });
        process.disconnect();
      },
    );
  });
}
