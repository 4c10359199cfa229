import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ACCOUNT_OPS, type AccountOps } from '@account-ops/engine';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppModule } from '../src/app.module';
import { BillingService } from '../src/billing.service';
import { RecordedEventsListener } from '../src/recorded-events.listener';

describe('embedding the engine in a Nest app (apps/example)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'aos-example-'));
  beforeAll(() => {
    process.env.ACCOUNT_OPS_STORE = `sqlite:${join(dir, 'example.db')}`;
  });
  afterAll(() => {
    delete process.env.ACCOUNT_OPS_STORE;
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs commands through the CommandBus and publishes committed events', async () => {
    const app = await NestFactory.createApplicationContext(AppModule, { logger: false });
    await app.init();
    const billing = app.get(BillingService);
    await billing.openAccount('acme-1', 'Ada Lovelace', 'ada@example.com');
    const result = await billing.topUp('acme-1', 't-1', 2_500);
    expect(result.state.balance).toEqual({ available: 2_500, held: 0, pendingIn: 0 });
    expect(result.version).toBe(3);
    const again = await billing.openAccount('acme-1', 'Ada Lovelace', 'ada@example.com');
    expect(again.replayed).toBe(true);
    expect(app.get(RecordedEventsListener).seen).toEqual([
      'account-acme-1#1 AccountOpened',
      'account-acme-1#2 TopUpInitiated',
      'account-acme-1#3 TopUpSettled',
    ]);
    const ops = app.get<AccountOps>(ACCOUNT_OPS);
    expect((await ops.load('acme-1')).version).toBe(3);
    await app.close();
  });

  it('keeps the data across a restart of the app', async () => {
    const app = await NestFactory.createApplicationContext(AppModule, { logger: false });
    const ops = app.get<AccountOps>(ACCOUNT_OPS);
    expect((await ops.load('acme-1')).state.balance.available).toBe(2_500);
    await app.close();
  });
});
