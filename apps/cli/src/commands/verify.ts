import { accountStreamId } from '@account-ops/engine';
import {
  parseStoreUrl,
  verifyStream,
  verifyStreamsInWorkers,
  type EventStore,
  type VerificationResult,
  type VerifySource,
} from '@account-ops/event-store';
import type { Command } from 'commander';
import { listStreams, type StreamInfo } from '../audit/stream-list';
import { readStreamPages, requireAccount } from '../audit/stream-reader';
import { formatElapsed } from '../format/time';
import { action } from '../support/action';
import { ExitCode, usageError } from '../support/exit-codes';
import { availableParallelism } from 'node:os';
import { stopIfInterrupted } from '../support/interrupt';
import { positiveInteger } from '../support/option-parsers';
import { startProgress } from '../support/progress';
import { storeUrlOf } from '../support/store';
import { withStore } from '../support/with-store';

/**
 * From this many events on, `--all` verifies in worker threads (one per core, each with
 * its own connection): below it, starting them costs more than they save.
 */
const WORKERS_FROM_EVENTS = 20_000;

interface VerifyOptions {
  readonly all?: boolean;
  readonly workers?: number;
}

/** A stream whose chain broke, and where. */
export interface BrokenStream {
  readonly streamId: string;
  readonly firstBad: NonNullable<VerificationResult['firstBad']>;
}

/** `verify [<accountId> | --all]`: walks hash chains and names the first bad event of each. */
export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description("checks hash chains: one account's, or every stream's with --all")
    .argument('[accountId]', 'the account to check')
    .option('--all', 'every stream in the store')
    .option(
      '--workers <n>',
      'with --all: worker threads, each with its own connection ' +
        `(default: one per core from ${WORKERS_FROM_EVENTS.toLocaleString('en')} events on)`,
      positiveInteger,
    )
    .action(
      action<VerifyOptions, [string | undefined]>((globals, options, accountId) => {
        if ((accountId === undefined) === (options.all !== true)) {
          throw usageError('verify needs an account id or --all (not both)');
        }
        return withStore(globals, {}, async ({ store, signal }) => {
          const started = Date.now();
          const streams: StreamInfo[] = accountId
            ? [
                {
                  streamId: accountStreamId(accountId),
                  events: await requireAccount(store, accountId),
                },
              ]
            : await listStreams(store, signal);
          const source = accountId ? undefined : workerSource(globals.store);
          const total = streams.reduce((n, st) => n + st.events, 0);
          const workers =
            options.workers ?? (total >= WORKERS_FROM_EVENTS ? availableParallelism() : 0);
          const { events, broken } =
            source && workers > 0
              ? await verifyInWorkers(source, streams, workers, signal)
              : await verifyAll(store, streams, signal);
          for (const b of broken) {
            console.log(
              `TAMPERED stream ${b.streamId} at version ${b.firstBad.version}, ` +
                `event ${b.firstBad.eventId}: ${b.firstBad.reason}`,
            );
          }
          const summary = `verified ${streams.length} stream${streams.length === 1 ? '' : 's'}, ${events} events in ${formatElapsed(Date.now() - started)}`;
          console.log(
            broken.length === 0
              ? `${summary}: every hash chain is intact`
              : `${summary}: ${broken.length} broken`,
          );
          return broken.length === 0 ? ExitCode.Ok : ExitCode.CheckFailed;
        });
      }),
    );
}

/** How a worker thread opens the configured store itself; undefined where none can. */
function workerSource(storeOption: string | undefined): VerifySource | undefined {
  const location = parseStoreUrl(storeUrlOf(storeOption));
  if (location.kind === 'sqlite' && location.filename !== ':memory:') {
    return { kind: 'sqlite', filename: location.filename };
  }
  if (location.kind === 'postgres') {
    return { kind: 'postgres', connectionString: location.connectionString };
  }
  return undefined;
}

/** verifyAll's result, from worker threads: the same chains, checked on every core. */
async function verifyInWorkers(
  source: VerifySource,
  streams: readonly StreamInfo[],
  workers: number,
  signal: AbortSignal,
): Promise<{ events: number; broken: BrokenStream[] }> {
  const total = streams.reduce((n, s) => n + s.events, 0);
  const progress = startProgress({ label: 'verify', total });
  try {
    const result = await verifyStreamsInWorkers(
      source,
      streams.map((s) => s.streamId),
      { workers, signal, onProgress: (events) => progress.update(events) },
    );
    return result;
  } catch (error) {
    stopIfInterrupted(signal);
    throw error;
  } finally {
    progress.stop();
  }
}

/** Verifies each stream in turn, carrying on past a broken one so all are reported. */
async function verifyAll(
  store: EventStore,
  streams: readonly StreamInfo[],
  signal: AbortSignal,
): Promise<{ events: number; broken: BrokenStream[] }> {
  const total = streams.reduce((n, s) => n + s.events, 0);
  const progress = startProgress({ label: 'verify', total });
  const broken: BrokenStream[] = [];
  let events = 0;
  try {
    for (const { streamId } of streams) {
      const before = events;
      const pages = readStreamPages(store, streamId, {
        signal,
        onPage: (read) => progress.update(before + read),
      });
      const result = await verifyStream(streamId, pages);
      events += result.checked;
      if (result.firstBad) broken.push({ streamId, firstBad: result.firstBad });
    }
  } finally {
    progress.stop();
  }
  return { events, broken };
}
