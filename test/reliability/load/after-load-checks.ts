import type { INestApplication } from '@nestjs/common';
import type { EventStore } from '@account-ops/event-store';
import type { ReadModels } from '@account-ops/projections';
import { EVENT_STORE } from '../../../apps/api/src/app/tokens';
import { READ_MODELS } from '../../../apps/api/src/read-models/read-models.provider';
import { EventIndex } from '../crash/event-index';
import { checkInvariants } from '../crash/invariants';

/**
 * What must hold after the load: the balance read model equals a replay of the events,
 * every account keeps the money rules (no negative balance, held = open refunds, pendingIn
 * = pending top-ups), and no command was applied twice.
 */
export async function checkAfterLoad(app: INestApplication) {
  const models = app.get<ReadModels>(READ_MODELS, { strict: false });
  const store = app.get<EventStore>(EVENT_STORE, { strict: false });
  const problems: string[] = [];
  const balance = await models.checkBalances();
  if (!balance.ok) {
    problems.push(`balance read model differs: ${JSON.stringify(balance.differences.slice(0, 5))}`);
  }
  const index = new EventIndex(problems);
  await index.catchUp(store);
  checkInvariants(index, problems);
  return {
    problems,
    accounts: index.accounts.size,
    events: index.eventCount,
    accountsCheckedAgainstReplay: balance.accountsChecked,
  };
}
