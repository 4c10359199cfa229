import { accountStreamId } from '@account-ops/engine';
import type { RecordedEvent } from '@account-ops/event-store';
import { Option, type Command } from 'commander';
import { readStreamPages, requireAccount } from '../audit/stream-reader';
import { eventJson } from '@account-ops/event-store';
import { actorLabel, keyData } from '../format/event-summary';
import { renderTable } from '../format/table';
import { action } from '../support/action';
import { ExitCode } from '../support/exit-codes';
import { positiveInteger } from '../support/option-parsers';
import { stdoutOutput } from '../support/output';
import { withStore } from '../support/with-store';

interface EventsOptions {
  readonly fromVersion?: number;
  readonly json?: boolean;
  readonly jsonl?: boolean;
}

/** `events <accountId>`: an account's stored history, as a table or as JSON. */
export function registerEvents(program: Command): void {
  program
    .command('events')
    .description("an account's stored events: version, time, type, actor, key data")
    .argument('<accountId>', 'the account')
    .option('--from-version <n>', 'start at this version (default 1)', positiveInteger)
    .addOption(new Option('--json', 'a JSON array of the events as stored').conflicts('jsonl'))
    .option('--jsonl', 'one JSON event per line (JSON Lines)')
    .action(
      action<EventsOptions, [string]>((globals, options, accountId) =>
        withStore(globals, {}, async ({ store, signal }) => {
          const head = await requireAccount(store, accountId);
          const events = readStreamPages(store, accountStreamId(accountId), {
            fromVersion: options.fromVersion,
            signal,
          });
          if (options.json || options.jsonl) await writeJson(events, options.jsonl === true);
          else await writeTable(events, head, options.fromVersion);
          return ExitCode.Ok;
        }),
      ),
    );
}

async function writeJson(events: AsyncIterable<RecordedEvent>, lines: boolean): Promise<void> {
  const out = stdoutOutput();
  let first = true;
  if (!lines) await out.write('[');
  for await (const event of events) {
    const text = JSON.stringify(eventJson(event));
    await out.write(lines ? `${text}\n` : `${first ? '\n' : ',\n'}${text}`);
    first = false;
  }
  if (!lines) await out.write(first ? ']\n' : '\n]\n');
}

async function writeTable(
  events: AsyncIterable<RecordedEvent>,
  head: number,
  fromVersion = 1,
): Promise<void> {
  const rows: string[][] = [];
  for await (const e of events) {
    rows.push([
      String(e.version),
      e.metadata.occurredAt,
      e.type,
      actorLabel(e.metadata.actor),
      keyData(e.type, e.data),
    ]);
  }
  if (rows.length === 0) {
    console.log(`no events from version ${fromVersion}: the account's last version is ${head}`);
    return;
  }
  console.log(
    renderTable(
      [
        { header: 'VERSION', align: 'right' },
        { header: 'TIME' },
        { header: 'TYPE' },
        { header: 'ACTOR' },
        { header: 'KEY DATA (amounts in minor units)' },
      ],
      rows,
    ),
  );
}
