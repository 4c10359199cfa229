import { DEADLINE_COLLECTION, toStoredDeadline, type StoredDeadline } from '@account-ops/engine';
import type { Command } from 'commander';
import { renderTable } from '../format/table';
import { formatDuration } from '../format/time';
import { action } from '../support/action';
import { ExitCode } from '../support/exit-codes';
import { isoInstant } from '../support/option-parsers';
import { withStore } from '../support/with-store';

interface ListOptions {
  readonly due?: boolean;
  readonly now?: Date;
  readonly json?: boolean;
}

/** `deadlines list`: the durable timers waiting in the store (read-only). */
export function registerDeadlines(program: Command): void {
  const group = program
    .command('deadlines')
    .description('durable deadlines (refund approval SLA, retention expiry)');
  group
    .command('list')
    .description('pending deadlines: kind, account, due time, overdue or not')
    .option('--due', 'only those due now (what the scheduler would fire)')
    .option('--now <iso>', 'judge due/overdue at this instant instead of the clock', isoInstant)
    .option('--json', 'the deadlines as a JSON array')
    .action(
      action<ListOptions, []>((globals, options) =>
        withStore(globals, {}, async ({ store }) => {
          const now = options.now ?? new Date();
          const records = await store.listRecords(
            DEADLINE_COLLECTION,
            options.due ? { sortKeyAtMost: now.toISOString() } : {},
          );
          const deadlines = records.map(toStoredDeadline);
          if (options.json) {
            const rows = deadlines.map((d) => ({
              ...d,
              overdue: Date.parse(d.dueAt) <= now.getTime(),
            }));
            console.log(JSON.stringify(rows, null, 2));
          } else {
            console.log(renderDeadlines(deadlines, now));
          }
          return ExitCode.Ok;
        }),
      ),
    );
}

/** The table, oldest due first (the store's order), and a count line. */
export function renderDeadlines(deadlines: readonly StoredDeadline[], now: Date): string {
  if (deadlines.length === 0) return `no pending deadlines (at ${now.toISOString()})`;
  const overdue = deadlines.filter((d) => Date.parse(d.dueAt) <= now.getTime()).length;
  const table = renderTable(
    [
      { header: 'KIND' },
      { header: 'ACCOUNT' },
      { header: 'SUBJECT' },
      { header: 'DUE' },
      { header: 'OVERDUE' },
    ],
    deadlines.map((d) => {
      const late = now.getTime() - Date.parse(d.dueAt);
      return [
        d.kind,
        d.accountId,
        d.kind === 'refund_approval_sla' ? `refund ${d.key}` : d.key,
        d.dueAt,
        late >= 0 ? `yes, by ${formatDuration(late)}` : `no, due in ${formatDuration(-late)}`,
      ];
    }),
  );
  return `${table}\n${deadlines.length} pending, ${overdue} overdue (at ${now.toISOString()})`;
}
