import { AccessLog, type AccessRecord } from '@account-ops/event-store';
import { Option, type Command } from 'commander';
import { renderTable } from '../format/table';
import { action } from '../support/action';
import { ExitCode } from '../support/exit-codes';
import { isoInstant, positiveInteger } from '../support/option-parsers';
import { withStore } from '../support/with-store';

interface AccessLogOptions {
  readonly accountId?: string;
  readonly actor?: string;
  readonly from?: Date;
  readonly to?: Date;
  readonly limit?: number;
  readonly json?: boolean;
}

const PAGE = 1000;

/**
 * `access-log`: who read which account's personal data, and when (the read-access log,
 * the same records and filters as `GET /audit/access`), oldest first. Read-only.
 */
export function registerAccessLog(program: Command): void {
  program
    .command('access-log')
    .description("the read-access log: who read which account's personal data, when")
    .option('--account-id <id>', "only reads of this account's data")
    .option('--actor <id>', 'only reads by this actor id')
    .option('--from <iso>', 'only reads recorded at or after this instant', isoInstant)
    .option('--to <iso>', 'only reads recorded before this instant', isoInstant)
    .option('--limit <n>', 'at most this many records (default: all)', positiveInteger)
    .addOption(new Option('--json', 'a JSON array of the records as stored'))
    .action(
      action<AccessLogOptions, []>((globals, options) =>
        withStore(globals, {}, async ({ store, signal }) => {
          const log = new AccessLog(store);
          const records: AccessRecord[] = [];
          let after: number | undefined;
          const wanted = options.limit ?? Infinity;
          while (records.length < wanted && !signal.aborted) {
            const page = await log.list({
              ...(options.accountId !== undefined ? { accountId: options.accountId } : {}),
              ...(options.actor !== undefined ? { actor: options.actor } : {}),
              ...(options.from ? { from: options.from.toISOString() } : {}),
              ...(options.to ? { to: options.to.toISOString() } : {}),
              ...(after !== undefined ? { after } : {}),
              limit: Math.min(PAGE, wanted - records.length),
            });
            records.push(...page.items);
            if (page.nextAfter === null) break;
            after = page.nextAfter;
          }
          if (options.json) console.log(JSON.stringify(records, null, 2));
          else console.log(renderAccessRecords(records));
          return ExitCode.Ok;
        }),
      ),
    );
}

export function renderAccessRecords(records: readonly AccessRecord[]): string {
  if (records.length === 0) return 'no recorded reads match';
  const table = renderTable(
    [
      { header: 'SEQ', align: 'right' },
      { header: 'AT' },
      { header: 'ACTOR' },
      { header: 'ACCOUNT' },
      { header: 'WHAT' },
      { header: 'REQUEST ID' },
    ],
    records.map((r) => [String(r.seq), r.at, r.actor, r.accountId, r.what, r.requestId ?? '-']),
  );
  return `${table}\n${records.length} read${records.length === 1 ? '' : 's'}`;
}
