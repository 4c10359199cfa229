import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { BillingService } from './billing.service';

/** `npx tsx apps/example/src/main.ts`: opens an account, tops it up, prints the balance. */
async function main(): Promise<void> {
  const app = await NestFactory.createApplicationContext(AppModule, { logger: ['error', 'warn'] });
  app.enableShutdownHooks();
  const billing = app.get(BillingService);
  const accountId = `demo-${Date.now()}`;
  await billing.openAccount(accountId, 'Ada Lovelace', 'ada@example.com');
  const result = await billing.topUp(accountId, `t-${Date.now()}`, 2_500);
  console.log(`${accountId}: version ${result.version}, balance`, result.state.balance);
  await app.close();
}

void main();
