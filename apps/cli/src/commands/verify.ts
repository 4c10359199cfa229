import { accountStreamId } from '@account-ops/engine';
import {
  AccessLog,
  formatPosition,
  MerkleLog,
  parseStoreUrl,
  type TransactionalEventStore,
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
  readonly accessLog?: boolean;
  readonly workers?: number;
}

/** A stream whose chain broke, and where. */
export interface BrokenStream {
  readonly streamId: string;
  readonly firstBad: NonNullable<VerificationResult['firstBad']>;
}

/**
 * `verify [<accountId> | --all | --access-log]`: walks hash chains and names the first bad
 * event of each; `--all` also checks the Merkle log and the read-access log.
 */
export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description("checks hash chains: one account's, or every stream's and the logs' with --all")
    .argument('[accountId]', 'the account to check')
    .option('--all', 'every stream in the store, the Merkle log and the read-access log')
    .option('--access-log', 'only the read-access log')
    .option(
      '--workers <n>',
      'with --all: worker threads, each with its own connection ' +
        `(default: one per core from ${WORKERS_FROM_EVENTS.toLocaleString('en')} events on)`,
      positiveInteger,
    )
    .action(
      action<VerifyOptions, [string | undefined]>((globals, options, accountId) => {
        const modes = [accountId !== undefined, options.all === true, options.accessLog === true];
        if (modes.filter(Boolean).length !== 1) {
          throw usageError('verify needs one of: an account id, --all, --access-log');
        }
        return withStore(globals, {}, async ({ store, signal }) => {
          if (options.accessLog) {
            return (await reportAccessLog(store, signal)) ? ExitCode.Ok : ExitCode.CheckFailed;
          }
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
          const treeIntact = options.all ? await reportTree(store, signal) : true;
          const accessIntact = options.all ? await reportAccessLog(store, signal) : true;
          return broken.length === 0 && treeIntact && accessIntact
            ? ExitCode.Ok
            : ExitCode.CheckFailed;
        });
      }),
    );
}

/**
 * With `--all`, the Merkle log too (when one is stored): each leaf against its event, and
 * the stored root against the events' root. A rewritten event whose chain was re-sealed
 * passes the chain walk but not this.
 */
async function reportTree(store: TransactionalEventStore, signal: AbortSignal): Promise<boolean> {
  const result = await new MerkleLog(store).check(signal);
  if (result.size === 0) {
    console.log('Merkle log: none stored yet (account-ops checkpoint builds it)');
    return true;
  }
  if (result.firstDifference) {
    const { index, event } = result.firstDifference;
    console.log(
      `TAMPERED Merkle log at leaf ${index}: event ${event.eventId} (stream ${event.streamId}, version ${event.version}, position ${formatPosition(event.globalPosition)}) is not the event that was logged there`,
    );
    return false;
  }
  if (result.truncated) {
    console.log(
      `TAMPERED Merkle log: it holds ${result.size} events but the store only ${result.events}: events were removed`,
    );
    return false;
  }
  if (result.rootMismatch) {
    console.log('TAMPERED Merkle log: its stored tiles do not give the root its leaves give');
    return false;
  }
  console.log(`Merkle log: all ${result.size} leaves match the events`);
  return true;
}

/**
 * The read-access log: every record from 1 to the head present, each hash recomputed
 * from its content and the previous hash, and the indexes complete. Names the first bad
 * record.
 */
async function reportAccessLog(
  store: TransactionalEventStore,
  signal: AbortSignal,
): Promise<boolean> {
  const result = await new AccessLog(store).check(signal);
  if (result.firstBad) {
    console.log(
      `TAMPERED read-access log at record ${result.firstBad.seq}: ${result.firstBad.reason}`,
    );
    return false;
  }
  console.log(
    result.checked === 0
      ? 'read-access log: no reads recorded yet'
      : `read-access log: all ${result.checked} records chain intact`,
  );
  return true;
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
