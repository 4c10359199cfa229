import { Interrupted } from './exit-codes';

/** What a long command watches to stop cleanly on Ctrl-C. */
export interface InterruptScope {
  readonly signal: AbortSignal;
  /** Removes the SIGINT handler (the process may then exit normally). */
  dispose(): void;
}

/**
 * Turns the first SIGINT into an abort signal, so loops stop between batches and the
 * store is closed by the caller's `finally`. A second Ctrl-C means "now": exit 130 at once.
 */
export function listenForInterrupt(stderr: NodeJS.WritableStream = process.stderr): InterruptScope {
  const controller = new AbortController();
  const onSigint = (): void => {
    if (controller.signal.aborted) process.exit(130);
    stderr.write('\ninterrupt: stopping after the current batch (Ctrl-C again to force)\n');
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', onSigint);
    },
  };
}

/** Throws {@link Interrupted} once the signal fired. */
export function stopIfInterrupted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new Interrupted();
}

/**
 * Call between batches: lets the event loop run (the SQLite reads resolve as microtasks,
 * which alone would starve the SIGINT handler until the whole run ends), then stops if
 * Ctrl-C was pressed meanwhile.
 */
export async function betweenBatches(signal: AbortSignal | undefined): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  stopIfInterrupted(signal);
}
