// #region script
import { createAccountOps } from '@account-ops/engine';
import { openEventStore } from '@account-ops/event-store';
import { DEFAULT_PROJECTIONS, getBalance, openReadModels } from '@account-ops/projections';
import { DomainError, type Actor } from '@account-ops/accounts';

const OPERATOR: Actor = { id: 'script', roles: ['operator'] };
const GATEWAY: Actor = { id: 'payment-gateway', roles: ['system'] };

async function main(storeUrl: string): Promise<void> {
  const store = await openEventStore(storeUrl); // the caller closes a store it opened
  const ops = createAccountOps({
    store,
    cardFingerprintSecret: process.env.ACCOUNT_OPS_CARD_SECRET ?? 'development-only-secret',
  });
  await ops.checkKeys(); // a wrong key-encryption key fails here, not on the first account
  const models = openReadModels(store, { projections: DEFAULT_PROJECTIONS });
  await models.start(); // creates the tables, catches up, then inline on SQLite
  ops.onCommitted(() => models.notifyCommitted()); // wakes an async projector (PostgreSQL)

  const accountId = 'acc-script-1';
  const opened = await ops.execute(
    {
      type: 'OpenAccount',
      accountId,
      actor: OPERATOR,
      ownerName: 'Grace Hopper',
      ownerEmail: 'grace@example.com',
      currency: 'USD',
    },
    { idempotencyKey: 'open-acc-script-1' },
  );
  const topUp = { accountId, actor: GATEWAY, topUpId: 'tu-1' };
  await ops.execute({
    type: 'InitiateTopUp',
    ...topUp,
    amount: 2_000,
    method: 'card',
    paymentReference: 'psp-1',
  });
  await ops.execute({ type: 'SettleTopUp', ...topUp });
  try {
    await ops.execute({
      type: 'Freeze',
      accountId,
      actor: OPERATOR,
      reason: 'manual',
      note: 'customer asked',
    });
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    console.log(`refused: ${error.code} (${error.kind})`); // FORBIDDEN (forbidden): admins freeze
  }
  const account = await ops.load(accountId); // state rebuilt from the events
  await models.catchUp();
  const balance = await getBalance(models.reader, accountId);
  console.log(
    `${accountId} v${account.version} ${account.state.status}, available ${balance?.available}`,
  );
  if (opened.replayed || balance?.available !== 2_000) process.exitCode = 1;

  await models.stop(); // before the store closes
  await store.close();
}

main(process.env.ACCOUNT_OPS_STORE ?? 'sqlite:./data/account-ops.db').catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
// #endregion script
