import { accountStreamId } from '@account-ops/engine';
import type { TransactionalEventStore } from '@account-ops/event-store';
import { Option, type Command } from 'commander';
import { accountReader, loadAccount, versionAsOf } from '../audit/account-loader';
import { requireAccount } from '../audit/stream-reader';
import { renderState, type ReplayPoint } from '../format/state-view';
import { action } from '../support/action';
import { ExitCode, notFound } from '../support/exit-codes';
import { isoInstant, positiveInteger } from '../support/option-parsers';
import { withStore } from '../support/with-store';

interface ReplayOptions {
  readonly atVersion?: number;
  readonly asOf?: Date;
  readonly json?: boolean;
}

/** `replay <accountId>`: the account's state at its head, a version, or an instant. */
export function registerReplay(program: Command): void {
  program
    .command('replay')
    .description("an account's state replayed from its events (at the head by default)")
    .argument('<accountId>', 'the account')
    .addOption(
      new Option('--at-version <n>', 'the state right after this version')
        .argParser(positiveInteger)
        .conflicts('asOf'),
    )
    .addOption(
      new Option(
        '--as-of <iso>',
        'the state after the last event that occurred at or before',
      ).argParser(isoInstant),
    )
    .option('--json', 'the full state as JSON (machines, refunds, top-ups, card fingerprint)')
    .action(
      action<ReplayOptions, [string]>((globals, options, accountId) =>
        withStore(globals, {}, async ({ store, keys, signal }) => {
          const headVersion = await requireAccount(store, accountId);
          const version = await targetVersion(store, accountId, headVersion, options, signal);
          const loaded = await loadAccount(accountReader(store, keys), accountId, version);
          const [event] = await store.readStream(accountStreamId(accountId), {
            fromVersion: version,
            maxCount: 1,
          });
          const point: ReplayPoint = {
            accountId,
            version: loaded.version,
            headVersion,
            occurredAt: event?.metadata.occurredAt ?? '',
          };
          console.log(
            options.json
              ? JSON.stringify({ ...point, state: loaded.state }, null, 2)
              : renderState(point, loaded.state),
          );
          return ExitCode.Ok;
        }),
      ),
    );
}

async function targetVersion(
  store: TransactionalEventStore,
  accountId: string,
  head: number,
  options: ReplayOptions,
  signal: AbortSignal,
): Promise<number> {
  if (options.atVersion !== undefined) {
    if (options.atVersion > head) {
      throw notFound(`account ${accountId} has no version ${options.atVersion} (last is ${head})`);
    }
    return options.atVersion;
  }
  if (options.asOf === undefined) return head;
  const version = await versionAsOf(store, accountId, options.asOf, signal);
  if (version === 0) {
    throw notFound(`account ${accountId} has no events at or before ${options.asOf.toISOString()}`);
  }
  return version;
}
