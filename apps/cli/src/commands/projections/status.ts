import type { ProjectionStatus } from '@account-ops/projections';
import type { Command } from 'commander';
import { renderTable } from '../../format/table';
import { formatLagSeconds } from '../../format/time';
import { action } from '../../support/action';
import { ExitCode } from '../../support/exit-codes';
import { withStore } from '../../support/with-store';
import { PROJECTION_NAMES, readingReadModels, toolReadModels } from './read-models';

interface StatusOptions {
  readonly json?: boolean;
}

/** `projections status`: checkpoint, head and lag of each read model (read-only). */
export function registerProjectionStatus(group: Command): void {
  group
    .command('status')
    .description('each projection: mode, checkpoint, head, lag in events and seconds')
    .option('--json', 'the statuses as a JSON array')
    .action(
      action<StatusOptions, []>((globals, options) =>
        withStore(globals, {}, async ({ store }) => {
          const statuses = await readingReadModels(() => toolReadModels(store).status());
          if (options.json) console.log(JSON.stringify(statuses, null, 2));
          else console.log(renderStatusTable(statuses));
          return ExitCode.Ok;
        }),
      ),
    );
}

/** The status table; a projection without a checkpoint shows as not built. */
export function renderStatusTable(statuses: readonly ProjectionStatus[]): string {
  const rows = PROJECTION_NAMES.map((name) => {
    const s = statuses.find((x) => x.name === name);
    if (!s) return [name, '-', 'not built', '-', '-', '-', '-', '-', '-'];
    return [
      s.name,
      s.version,
      s.mode,
      s.checkpoint,
      s.head,
      s.lagEvents,
      formatLagSeconds(s.lagSeconds),
      s.stale ? 'yes: rebuild' : 'no',
      s.updatedAt,
    ];
  });
  const right = new Set(['VERSION', 'CHECKPOINT', 'HEAD', 'LAG EVENTS', 'LAG SECONDS']);
  const headers = [
    'NAME',
    'VERSION',
    'MODE',
    'CHECKPOINT',
    'HEAD',
    'LAG EVENTS',
    'LAG SECONDS',
    'STALE',
    'UPDATED',
  ];
  return renderTable(
    headers.map((header) => ({ header, align: right.has(header) ? 'right' : 'left' })),
    rows,
  );
}
