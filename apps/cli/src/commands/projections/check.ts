import type { BalanceCheckReport } from '@account-ops/projections';
import type { Command } from 'commander';
import { renderTable } from '../../format/table';
import { action } from '../../support/action';
import { ExitCode } from '../../support/exit-codes';
import { withStore } from '../../support/with-store';
import { readingReadModels, toolReadModels } from './read-models';

/** `projections check`: the balance read model against a full replay (read-only). */
export function registerProjectionCheck(group: Command): void {
  group
    .command('check')
    .description(
      'compare the balance read model with a replay of every account; exit 1 on a difference',
    )
    .action(
      action<object, []>((globals) =>
        withStore(globals, {}, async ({ store }) => {
          const report = await readingReadModels(() => toolReadModels(store).checkBalances());
          console.log(renderCheck(report));
          return report.ok ? ExitCode.Ok : ExitCode.CheckFailed;
        }),
      ),
    );
}

/** The verdict line, and the differences as a table when there are any. */
export function renderCheck(report: BalanceCheckReport): string {
  const accounts = `${report.accountsChecked} account${report.accountsChecked === 1 ? '' : 's'}`;
  const scope = `${accounts}, ${report.eventsReplayed} events up to checkpoint ${report.checkpoint}`;
  if (report.ok) return `balance read model matches the replay (${scope})`;
  return [
    `balance read model DIFFERS from the replay in ${report.differences.length} place${report.differences.length === 1 ? '' : 's'} (${scope})`,
    renderTable(
      [
        { header: 'ACCOUNT' },
        { header: 'FIELD' },
        { header: 'READ MODEL', align: 'right' },
        { header: 'REPLAY', align: 'right' },
      ],
      report.differences.map((d) => [d.accountId, d.field, d.readModel, d.replay]),
    ),
  ].join('\n');
}
