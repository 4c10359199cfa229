/**
 * Child process for the crash test: catches the read models of a SQLite file up one small
 * batch at a time and, after `killAfter` batches, SIGKILLs itself — no close, no cleanup,
 * exactly as if the machine had pulled the plug between two batches.
 * Usage: node --import tsx catch-up-child.ts <database file> <killAfter>
 */
import { SqliteEventStore } from '@account-ops/event-store';
import { DEFAULT_PROJECTIONS } from '../default-projections';
import { openReadModels } from '../read-models';

async function main(filename: string, killAfter: number): Promise<void> {
  const store = new SqliteEventStore({ filename });
  const models = openReadModels(store, { projections: DEFAULT_PROJECTIONS, mode: 'async' });
  await models.backend.init();
  for (let batch = 1; batch <= killAfter; batch++) {
    for (const { name } of DEFAULT_PROJECTIONS) {
      await models.backend.catchUp(name, { batchSize: 10, maxBatches: 1 });
    }
  }
  process.kill(process.pid, 'SIGKILL');
}

void main(process.argv[2]!, Number(process.argv[3]));
