import {
  PostgresProjectionBackend,
  SqliteProjectionBackend,
  type RebuildOptions as BackendRebuildOptions,
  type RebuildReport,
} from '@account-ops/projections';
import type { Command } from 'commander';
import { formatElapsed } from '../../format/time';
import { action } from '../../support/action';
import { ExitCode, usageError } from '../../support/exit-codes';
import { stopIfInterrupted } from '../../support/interrupt';
import { positiveInteger } from '../../support/option-parsers';
import { startProgress } from '../../support/progress';
import { withStore } from '../../support/with-store';
import { PROJECTION_NAMES, toolReadModels } from './read-models';

interface RebuildOptions {
  readonly batchSize?: number;
}

/** One rebuild run: a projection, or several in one pass; reports per projection. */
type RebuildRun = (options: BackendRebuildOptions) => Promise<RebuildReport[]>;

/**
 * `projections rebuild [name]`: rebuilds one read model, or all, from the events into
 * fresh tables swapped in atomically. The one command that opens the store for writing.
 * All of them on SQLite (and memory) is one pass over the events, swapped in together;
 * on PostgreSQL one projection after the other.
 */
export function registerProjectionRebuild(group: Command): void {
  group
    .command('rebuild')
    .description(`rebuild a projection from zero (${PROJECTION_NAMES.join(', ')}; default all)`)
    .argument('[name]', 'the projection to rebuild')
    .option('--batch-size <n>', 'events per transaction (default 1000)', positiveInteger)
    .action(
      action<RebuildOptions, [string | undefined]>((globals, options, name) => {
        if (name !== undefined && !PROJECTION_NAMES.includes(name)) {
          throw usageError(`no projection named ${name} (known: ${PROJECTION_NAMES.join(', ')})`);
        }
        return withStore(globals, { write: true }, async ({ store, signal }) => {
          const readModels = toolReadModels(store);
          // Creates missing tables and checkpoints; never starts a projector.
          await readModels.backend.init();
          const { backend } = readModels;
          const runs: [string, RebuildRun][] =
            !name &&
            (backend instanceof SqliteProjectionBackend ||
              backend instanceof PostgresProjectionBackend)
              ? [[PROJECTION_NAMES.join(', '), (o) => backend.rebuildAll(PROJECTION_NAMES, o)]]
              : (name ? [name] : PROJECTION_NAMES).map((projection) => [
                  projection,
                  async (o) => [await readModels.rebuild(projection, o)],
                ]);
          for (const [label, run] of runs) {
            stopIfInterrupted(signal);
            await rebuildWithProgress(label, run, { signal, batchSize: options.batchSize });
          }
          return ExitCode.Ok;
        });
      }),
    );
}

async function rebuildWithProgress(
  label: string,
  run: RebuildRun,
  options: Pick<BackendRebuildOptions, 'signal' | 'batchSize'>,
): Promise<void> {
  const progress = startProgress({ label: `rebuild ${label}` });
  try {
    const reports = await run({
      ...options,
      onProgress: ({ applied, total }) => progress.update(applied, total),
    });
    progress.stop();
    for (const report of reports) {
      console.log(
        `rebuilt ${report.name}: ${report.eventsApplied} events in ` +
          `${formatElapsed(report.elapsedMs)} (checkpoint ${report.checkpoint})`,
      );
    }
  } finally {
    progress.stop();
  }
}
