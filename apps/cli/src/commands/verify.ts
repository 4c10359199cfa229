import { accountStreamId } from '@account-ops/engine';
import { verifyStream, type EventStore, type VerificationResult } from '@account-ops/event-store';
import type { Command } from 'commander';
import { listStreams, type StreamInfo } from '../audit/stream-list';
import { readStreamPages, requireAccount } from '../audit/stream-reader';
import { formatElapsed } from '../format/time';
import { action } from '../support/action';
import { ExitCode, usageError } from '../support/exit-codes';
import { startProgress } from '../support/progress';
import { withStore } from '../support/with-store';

interface VerifyOptions {
  readonly all?: boolean;
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
          const { events, broken } = await verifyAll(store, streams, signal);
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
