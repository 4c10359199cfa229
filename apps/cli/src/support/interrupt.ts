import { Interrupted } from './exit-codes';

/** What a long command watches to stop cleanly on Ctrl-C. */
export interface InterruptScope {
  readonly signal: AbortSignal;
  /** Removes the SIGINT handler (the process may then exit normally). */
  dispose(): void;
}

/** What stops a long command, and what it says when asked to. */
export interface InterruptOptions {
  /** Default SIGINT (Ctrl-C); a service also stops on SIGTERM (systemd, Kubernetes). */
  readonly signals?: readonly NodeJS.Signals[];
  readonly notice?: string;
}

/**
 * Turns the first SIGINT (or another of `signals`) into an abort signal, so loops stop
 * between batches and the store is closed by the caller's `finally`. A second one means
 * "now": exit 130 at once.
 */
export function listenForInterrupt(
  stderr: NodeJS.WritableStream = process.stderr,
  options: InterruptOptions = {},
): InterruptScope {
  const signals = options.signals ?? ['SIGINT'];
  const notice = options.notice ?? 'stopping after the current batch (Ctrl-C again to force)';
  const controller = new AbortController();
  const handlers = signals.map((signal) => {
    const onSignal = (): void => {
      if (controller.signal.aborted) process.exit(130);
      stderr.write(`\n${signal === 'SIGINT' ? 'interrupt' : signal}: ${notice}\n`);
      controller.abort();
    };
    process.on(signal, onSignal);
    return () => process.off(signal, onSignal);
  });
  return {
    signal: controller.signal,
    dispose: () => {
      for (const off of handlers) off();
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
