import {
  reindexSearch,
  SearchKeyConfigError,
  searchKeyFromEnvironment,
  type ReindexReport,
} from '@account-ops/engine';
import type { Command } from 'commander';
import { action } from '../support/action';
import { CliError, ExitCode } from '../support/exit-codes';
import { betweenBatches } from '../support/interrupt';
import { positiveInteger } from '../support/option-parsers';
import { startProgress } from '../support/progress';
import { withStore } from '../support/with-store';

interface ReindexOptions {
  readonly batchSize?: number;
  readonly json?: boolean;
}

function searchKey(): string {
  try {
    return searchKeyFromEnvironment(process.env).key;
  } catch (error) {
    if (error instanceof SearchKeyConfigError) throw new CliError(ExitCode.Usage, error.message);
    throw error;
  }
}

/** `search reindex`: the search index's maintenance (docs/operations.md, search index). */
export function registerSearch(program: Command): void {
  const group = program.command('search').description('the account search index');
  group
    .command('reindex')
    .description(
      'rebuild the search tokens of every open account from its events, names and e-mails ' +
        'opened with its data key (ACCOUNT_OPS_SEARCH_KEY, ACCOUNT_OPS_MASTER_KEY): for ' +
        'accounts opened before search existed, or after the search key changed; closed ' +
        'accounts stay out; safe to stop and rerun',
    )
    .option('--batch-size <n>', 'accounts per transaction (default 200)', positiveInteger)
    .option('--json', 'the report as JSON')
    .action(
      action<ReindexOptions, []>((globals, options) =>
        withStore(globals, { write: true }, async ({ store, keys, signal }) => {
          const key = searchKey();
          const progress = startProgress({ label: 'search reindex', unit: 'accounts' });
          let report: ReindexReport;
          try {
            report = await reindexSearch(store, keys, key, {
              ...(options.batchSize !== undefined ? { batchSize: options.batchSize } : {}),
              afterBatch: async (accounts) => {
                progress.update(accounts);
                await betweenBatches(signal);
              },
            });
          } finally {
            progress.stop();
          }
          console.log(
            options.json
              ? JSON.stringify(report, null, 2)
              : `search index: ${report.accounts.toLocaleString('en-US')} open accounts reindexed, ` +
                  `${report.changedRows.toLocaleString('en-US')} rows written or deleted`,
          );
          return ExitCode.Ok;
        }),
      ),
    );
}
