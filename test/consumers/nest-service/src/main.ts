import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ACCOUNT_OPS_STORE } from '@account-ops/engine';
import type { TransactionalEventStore } from '@account-ops/event-store';
import { AppModule } from './app.module';
import { RefundDesk } from './refund-desk';
import { RefundWatcher } from './refund-watcher';

/** Runs the service's story once and fails (exit 1) on any surprise. */
async function main(): Promise<void> {
  const app = await NestFactory.createApplicationContext(AppModule, { logger: ['error'] });
  app.enableShutdownHooks();
  const desk = app.get(RefundDesk);
  const accountId = `acc-${Date.now().toString(36)}`;
  await desk.openAndFund(accountId, 50_000);
  const approved = await desk.refund(accountId, `rf-${accountId}`, 12_500);
  const approval = approved.events.map((event) => event.type);
  if (!approval.includes('RefundApproved'))
    throw new Error(`approval wrote ${approval.join(', ')}`);
  const balance = await desk.balance(accountId);
  if (balance?.available !== 37_500) {
    throw new Error(`balance read model: ${JSON.stringify(balance)}, expected 37500 available`);
  }
  if (!app.get(RefundWatcher).approved.includes(`rf-${accountId}`)) {
    throw new Error('the EventBus did not deliver RefundApproved');
  }
  const store = app.get<TransactionalEventStore>(ACCOUNT_OPS_STORE);
  console.log(
    `nest-service: ${store.constructor.name}: ${approval.join(', ')}; available ${balance.available} ${balance.currency}`,
  );
  await app.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
