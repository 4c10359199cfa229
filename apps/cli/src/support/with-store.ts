import type { KeyProvider } from '@account-ops/engine';
import type { TransactionalEventStore } from '@account-ops/event-store';
import type { ExitCode } from './exit-codes';
import { Interrupted } from './exit-codes';
import { listenForInterrupt } from './interrupt';
import { cliKeyProvider } from './keys';
import { openCliStore, storeUrlOf } from './store';

/** The options every command inherits from the program. */
export interface GlobalOptions {
  readonly store?: string;
  readonly debug?: boolean;
}

/** What a command body gets: the open store, its key-encryption keys and the Ctrl-C signal. */
export interface StoreSession {
  readonly store: TransactionalEventStore;
  /** Resolved on first use; failures end the run with exit 6. */
  readonly keys: KeyProvider;
  readonly signal: AbortSignal;
}

/** How a command uses the store and the stop signals. */
export interface WithStoreOptions {
  readonly write?: boolean;
  /**
   * A long-running service (a delivery worker): SIGTERM stops it as Ctrl-C does, and
   * stopping is its normal end, so the body's own exit code stands (not 130).
   */
  readonly service?: boolean;
}

/**
 * Runs `body` with the configured store open and Ctrl-C turned into an abort signal;
 * closes the store whatever happens, so an interrupted run leaves no lock or open handle.
 */
export async function withStore(
  globals: GlobalOptions,
  options: WithStoreOptions,
  body: (session: StoreSession) => Promise<ExitCode>,
): Promise<ExitCode> {
  const interrupt = options.service
    ? listenForInterrupt(process.stderr, {
        signals: ['SIGINT', 'SIGTERM'],
        notice: 'stopping after the current pass (again to force)',
      })
    : listenForInterrupt();
  try {
    const url = storeUrlOf(globals.store);
    const store = await openCliStore(url, options);
    try {
      const code = await body({ store, keys: cliKeyProvider(url), signal: interrupt.signal });
      if (interrupt.signal.aborted && !options.service) throw new Interrupted();
      return code;
    } finally {
      await store.close();
    }
  } finally {
    interrupt.dispose();
  }
}
