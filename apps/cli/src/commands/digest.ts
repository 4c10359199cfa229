import {
  comparePositions,
  formatPosition,
  SqliteEventStore,
  START,
  type EventStore,
  type Position,
} from '@account-ops/event-store';
import type { Command } from 'commander';
import { DIGEST_VERSION, StoreDigest, type DigestResult } from '../audit/store-digest';
import { readAllBatches } from '../audit/stream-reader';
import { renderFields } from '../format/table';
import { action } from '../support/action';
import { CliError, ExitCode, notFound, usageError } from '../support/exit-codes';
import { sha256Hex, storePosition } from '../support/option-parsers';
import { startProgress } from '../support/progress';
import { withStore } from '../support/with-store';

interface DigestOptions {
  readonly atPosition?: Position;
  readonly check?: string;
  readonly json?: boolean;
}

const BATCH = 2000;

/** `digest`: a store-wide SHA-256 to save now and re-check later (see store-digest.ts). */
export function registerDigest(program: Command): void {
  program
    .command('digest')
    .description(`store-wide SHA-256 over every event hash up to a position (${DIGEST_VERSION})`)
    .option(
      '--at-position <p>',
      'last global position to include (default: the head)',
      storePosition,
    )
    .option('--check <sha256>', 'compare with a saved digest; exit 1 on mismatch', sha256Hex)
    .option('--json', 'print { algorithm, position, events, sha256 } as JSON')
    .action(
      action<DigestOptions, []>((globals, options) => {
        if (options.check && !options.atPosition) {
          throw usageError('--check needs the --at-position the digest was saved at');
        }
        return withStore(globals, {}, async ({ store, signal }) => {
          const head = await store.headPosition();
          const target = options.atPosition ?? head;
          if (comparePositions(target, head) > 0) {
            const why = `the store ends at position ${formatPosition(head)}, before ${formatPosition(target)}`;
            if (options.check)
              throw new CliError(ExitCode.CheckFailed, `${why}: events were removed`);
            throw notFound(why);
          }
          const result = await computeDigest(store, target, signal);
          return report(result, formatPosition(target), options);
        });
      }),
    );
}

async function computeDigest(
  store: EventStore,
  target: Position,
  signal: AbortSignal,
): Promise<DigestResult> {
  // The SQLite store can count cheaply; elsewhere the bar shows a count without a total.
  const total =
    store instanceof SqliteEventStore
      ? store.countEventsAfterSync(START) - store.countEventsAfterSync(target)
      : undefined;
  const progress = startProgress({ label: 'digest', total });
  const digest = new StoreDigest();
  try {
    read: for await (const batch of readAllBatches(store, START, BATCH, signal)) {
      for (const event of batch) {
        if (comparePositions(event.globalPosition, target) > 0) break read;
        digest.add(event);
      }
      progress.update(digest.events);
    }
  } finally {
    progress.stop();
  }
  return digest.result();
}

function report(result: DigestResult, position: string, options: DigestOptions): ExitCode {
  const bad = result.firstMismatch;
  if (bad) {
    // No digest is printed: one computed over a tampered event must not be saved.
    console.log(
      `TAMPERED event ${bad.eventId} (stream ${bad.streamId}, version ${bad.version}, ` +
        `position ${bad.position}): its stored hash does not match its content`,
    );
    return ExitCode.CheckFailed;
  }
  if (options.check) {
    if (options.check === result.sha256) {
      console.log(
        `digest matches at position ${position} (${result.events} events): ${result.sha256}`,
      );
      return ExitCode.Ok;
    }
    console.log(`DIGEST MISMATCH at position ${position} (${result.events} events)`);
    console.log(
      renderFields([
        ['saved', options.check],
        ['now', result.sha256],
      ]),
    );
    return ExitCode.CheckFailed;
  }
  if (options.json) {
    const json = {
      algorithm: DIGEST_VERSION,
      position,
      events: result.events,
      sha256: result.sha256,
    };
    console.log(JSON.stringify(json));
  } else {
    console.log(
      renderFields(
        [
          ['position', position],
          ['events', result.events],
          ['sha256', result.sha256],
        ],
        '',
      ),
    );
    console.error(
      `re-check later with: account-ops digest --at-position ${position} --check ${result.sha256}`,
    );
  }
  return ExitCode.Ok;
}
