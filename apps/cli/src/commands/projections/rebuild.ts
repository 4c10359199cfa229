import type { ReadModels } from '@account-ops/projections';
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

/**
 * `projections rebuild [name]`: rebuilds one read model, or all, from the events into
 * fresh tables swapped in atomically. The one command that opens the store for writing.
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
          for (const projection of name ? [name] : PROJECTION_NAMES) {
            stopIfInterrupted(signal);
            await rebuildOne(readModels, projection, signal, options.batchSize);
          }
          return ExitCode.Ok;
        });
      }),
    );
}

async function rebuildOne(
  readModels: ReadModels,
  name: string,
  signal: AbortSignal,
  batchSize: number | undefined,
): Promise<void> {
  const progress = startProgress({ label: `rebuild ${name}` });
  try {
    const report = await readModels.rebuild(name, {
      signal,
      batchSize,
      onProgress: ({ applied, total }) => progress.update(applied, total),
    });
    progress.stop();
    console.log(
      `rebuilt ${name}: ${report.eventsApplied} events in ${formatElapsed(report.elapsedMs)} ` +
        `(checkpoint ${report.checkpoint})`,
    );
  } finally {
    progress.stop();
  }
}
