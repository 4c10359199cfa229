import {
  keyStatus,
  rewrapDataKeys,
  scanClearFreeText,
  type ClearFreeTextReport,
  type KeyStatusReport,
  type RewrapReport,
  type RotationProgress,
} from '@account-ops/engine';
import type { Command } from 'commander';
import { action } from '../support/action';
import { ExitCode } from '../support/exit-codes';
import { betweenBatches } from '../support/interrupt';
import { positiveInteger } from '../support/option-parsers';
import { startProgress, type Progress } from '../support/progress';
import { withStore } from '../support/with-store';

interface KeysOptions {
  readonly batchSize?: number;
  readonly json?: boolean;
}

/** `keys rewrap | status`: key-encryption key rotation (docs/operations.md, key management). */
export function registerKeys(program: Command): void {
  const group = program
    .command('keys')
    .description('data keys: re-wrap them with the current key-encryption key, or count them');
  group
    .command('rewrap')
    .description(
      're-wrap every data key with the current key-encryption key (ACCOUNT_OPS_MASTER_KEY), ' +
        'wrap keys and seal snapshots stored in clear; safe to stop and rerun',
    )
    .option('--batch-size <n>', 'records per transaction (default 200)', positiveInteger)
    .option('--json', 'the report as JSON')
    .action(
      action<KeysOptions, []>((globals, options) =>
        withStore(globals, { write: true }, async ({ store, keys, signal }) => {
          const progress = startProgress({ label: 'rewrap', unit: 'records' });
          let report: RewrapReport;
          try {
            report = await rewrapDataKeys(store, keys, {
              batchSize: options.batchSize,
              afterBatch: (done) => afterBatch(progress, done, signal),
            });
          } finally {
            progress.stop();
          }
          console.log(options.json ? JSON.stringify(report, null, 2) : renderRewrap(report));
          return ExitCode.Ok;
        }),
      ),
    );
  group
    .command('status')
    .description(
      'data keys per key-encryption key, and what is still in clear; exit 1 when a rewrap is due',
    )
    .option('--json', 'the counts as JSON')
    .action(
      action<KeysOptions, []>((globals, options) =>
        withStore(globals, {}, async ({ store, keys, signal }) => {
          const progress = startProgress({ label: 'keys status', unit: 'records' });
          let report: KeyStatusReport;
          try {
            report = await keyStatus(store, keys, {
              afterBatch: (done) => afterBatch(progress, done, signal),
            });
          } finally {
            progress.stop();
          }
          console.log(options.json ? JSON.stringify(report, null, 2) : renderStatus(report));
          return report.rewrapDue ? ExitCode.CheckFailed : ExitCode.Ok;
        }),
      ),
    );
  group
    .command('free-text')
    .description(
      'personal fields stored in clear in the log (free text written before it was sealed): ' +
        'read-only inventory; exit 1 when there are any',
    )
    .option('--batch-size <n>', 'events per page (default 1000)', positiveInteger)
    .option('--json', 'the report as JSON')
    .action(
      action<KeysOptions, []>((globals, options) =>
        withStore(globals, {}, async ({ store, signal }) => {
          const progress = startProgress({ label: 'free text', unit: 'events' });
          let report: ClearFreeTextReport;
          try {
            report = await scanClearFreeText(store, {
              batchSize: options.batchSize,
              afterBatch: async (scanned) => {
                progress.update(scanned);
                await betweenBatches(signal);
              },
            });
          } finally {
            progress.stop();
          }
          console.log(options.json ? JSON.stringify(report, null, 2) : renderFreeText(report));
          return report.eventsInClear > 0 ? ExitCode.CheckFailed : ExitCode.Ok;
        }),
      ),
    );
}

async function afterBatch(
  progress: Progress,
  done: RotationProgress,
  signal: AbortSignal,
): Promise<void> {
  progress.update(done.keys + done.snapshots + done.outbox);
  await betweenBatches(signal);
}

const number = (n: number): string => n.toLocaleString('en-US');
const count = (n: number, what: string): string => `${number(n)} ${what}${n === 1 ? '' : 's'}`;

const breakdown = (counts: Readonly<Record<string, number>>): string =>
  Object.entries(counts)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([id, n]) => (id === '(clear)' ? `${number(n)} in clear` : `${number(n)} from "${id}"`))
    .join(', ');

export function renderRewrap(report: RewrapReport): string {
  const { keys, snapshots } = report;
  const moved = Object.values(keys.rewrapped).reduce((a, b) => a + b, 0);
  const from = moved > 0 ? ` (${breakdown(keys.rewrapped)})` : '';
  return [
    `data keys: ${count(keys.checked, 'key')} checked, ${number(moved)} re-wrapped with ` +
      `"${report.currentKeyId}"${from}, ${number(keys.current)} already current`,
    `snapshots: ${count(snapshots.checked, 'snapshot')} checked, ${number(snapshots.sealed)} sealed ` +
      `that were in clear, ${number(snapshots.dropped)} in clear of closed accounts deleted`,
    `outbox: ${count(report.outbox.checked, 'notification')} checked, ${number(report.outbox.sealed)} ` +
      `reasons sealed that were in clear, ${number(report.outbox.erased)} of closed accounts erased`,
    `every data key is wrapped with "${report.currentKeyId}"`,
  ].join('\n');
}

export function renderStatus(report: KeyStatusReport): string {
  const { keys, snapshots } = report;
  const ids = Object.entries(keys.byKeyId)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([id, n]) => `"${id}"${id === report.currentKeyId ? ' (current)' : ''}: ${number(n)}`);
  return [
    `current key-encryption key: "${report.currentKeyId}"`,
    `data keys: ${count(keys.total, 'key')}${ids.length > 0 ? ` (${ids.join(', ')})` : ''}, ${number(keys.inClear)} in clear`,
    `snapshots: ${count(snapshots.total, 'snapshot')}, ${number(snapshots.inClear)} in clear`,
    `outbox: ${count(report.outbox.total, 'notification')}, ${number(report.outbox.inClear)} with a reason in clear`,
    report.rewrapDue
      ? 'rewrap due: run `account-ops keys rewrap`'
      : `nothing to rewrap: every data key is wrapped with "${report.currentKeyId}"`,
  ].join('\n');
}

export function renderFreeText(report: ClearFreeTextReport): string {
  const fields = Object.entries(report.byField)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([field, n]) => `  ${field}: ${number(n)}`);
  if (report.eventsInClear === 0)
    return `${count(report.eventsScanned, 'event')} scanned: every personal field is sealed`;
  return [
    `${count(report.eventsScanned, 'event')} scanned: ${number(report.eventsInClear)} hold personal ` +
      `fields in clear (written before they were sealed), in ${count(report.accounts, 'account')}, ` +
      `${number(report.closedAccounts)} of them closed`,
    ...fields,
    'reads show them as [erased] once the account is closed; the log keeps them ' +
      '(docs/operations.md, "Free text written before it was sealed")',
  ].join('\n');
}
