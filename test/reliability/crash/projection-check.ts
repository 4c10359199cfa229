import type { TransactionalEventStore } from '@account-ops/event-store';
import { DEFAULT_PROJECTIONS, openReadModels } from '@account-ops/projections';
import { dumpTables } from '../../../libs/projections/src/testing/dump-tables';

/**
 * The read models the crashed API left behind: inline ones (SQLite) must hold every
 * committed event already — rows and events commit together; async ones (PostgreSQL) catch
 * up from their checkpoint. Then the rows must equal a rebuild from the first event, and
 * the balances a replay. Runs while the API is down: the rebuild writes to the store.
 */
export async function checkProjections(
  store: TransactionalEventStore,
  options: { inline: boolean; rebuild: boolean },
  problems: string[],
): Promise<{ rebuilt: boolean }> {
  const models = openReadModels(store, { projections: DEFAULT_PROJECTIONS, mode: 'async' });
  try {
    await models.backend.init();
    if (options.inline) {
      for (const status of await models.status()) {
        if (status.lagEvents !== 0) {
          problems.push(`inline projection ${status.name} is ${status.lagEvents} events behind`);
        }
      }
    }
    await models.catchUp();
    const balance = await models.checkBalances();
    if (!balance.ok) {
      problems.push(
        `balance read model differs from a replay: ${JSON.stringify(balance.differences.slice(0, 5))}`,
      );
    }
    if (!options.rebuild) return { rebuilt: false };
    const live = await Promise.all(DEFAULT_PROJECTIONS.map((p) => dumpTables(models.reader, p)));
    for (const p of DEFAULT_PROJECTIONS) await models.rebuild(p.name);
    const rebuilt = await Promise.all(DEFAULT_PROJECTIONS.map((p) => dumpTables(models.reader, p)));
    DEFAULT_PROJECTIONS.forEach((p, i) => {
      if (JSON.stringify(live[i]) !== JSON.stringify(rebuilt[i])) {
        problems.push(`projection ${p.name} differs from a rebuild`);
      }
    });
    return { rebuilt: true };
  } finally {
    await models.stop();
  }
}
