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
