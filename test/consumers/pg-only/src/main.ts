// #region pg-only
import { createAccountOps } from '@account-ops/engine';
import { PostgresEventStore } from '@account-ops/event-store';
import { DEFAULT_PROJECTIONS, getBalance, openReadModels } from '@account-ops/projections';

/** PostgreSQL only: `npm install @account-ops/engine @account-ops/projections pg`, no native build. */
async function main(connectionString: string): Promise<void> {
  const store = await PostgresEventStore.connect({ connectionString });
  const ops = createAccountOps({
    store,
    cardFingerprintSecret: process.env.ACCOUNT_OPS_CARD_SECRET ?? 'development-only-secret',
  });
  const models = openReadModels(store, { projections: DEFAULT_PROJECTIONS }); // async on PostgreSQL
  await models.start();
  ops.onCommitted(() => models.notifyCommitted());

  const accountId = `acc-pg-${Date.now().toString(36)}`;
  const actor = { id: 'pg-consumer', roles: ['operator' as const] };
  await ops.execute({
    type: 'OpenAccount',
    accountId,
    actor,
    ownerName: 'Edsger Dijkstra',
    ownerEmail: 'edsger@example.com',
    currency: 'EUR',
  });
  await ops.execute({
    type: 'InitiateTopUp',
    accountId,
    actor,
    topUpId: 'tu-1',
    amount: 900,
    method: 'bank_transfer',
    paymentReference: 'ref-1',
  });
  await models.catchUp(); // async: wait for the projector instead of polling
  const balance = await getBalance(models.reader, accountId);
  console.log(`pg-only: ${accountId} pending ${balance?.pendingIn} ${balance?.currency}`);
  if (balance?.pendingIn !== 900) process.exitCode = 1;
  await models.stop();
  await store.close();
}

main(process.env.PG_URL ?? 'postgres://localhost/account_ops').catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
// #endregion pg-only
