import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Inject, Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { SqliteEventStore, type TransactionalEventStore } from '@account-ops/event-store';
import { getBalance, type ReadModels } from '@account-ops/projections';
import { accountFixtures as fx } from '@account-ops/testing';
import type { AccountOps } from '../create-account-ops';
import { AccountOpsModule } from './account-ops.module';
import { ACCOUNT_OPS, ACCOUNT_OPS_READ_MODELS, ACCOUNT_OPS_STORE } from './tokens';

const SETTINGS = Symbol('SETTINGS');

/** Stands in for a consumer's ConfigModule: a module the factory's injected value comes from. */
@Module({
  providers: [{ provide: SETTINGS, useValue: { secret: 'test-card-fingerprint-secret' } }],
  exports: [SETTINGS],
})
class SettingsModule {}

/** A team's query service in a module that does not import AccountOpsModule itself. */
@Injectable()
class BalanceQueries {
  constructor(
    @Inject(ACCOUNT_OPS) readonly ops: AccountOps,
    @Inject(ACCOUNT_OPS_STORE) readonly store: TransactionalEventStore,
    @Inject(ACCOUNT_OPS_READ_MODELS) readonly models: ReadModels,
  ) {}
}

@Module({ providers: [BalanceQueries] })
class FeatureModule {}

describe('AccountOpsModule.forRootAsync: isGlobal, imports, store and read-model tokens', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'aom-tokens-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lets another module inject the engine, its store and its read models, and queries a balance', async () => {
    @Module({
      imports: [
        AccountOpsModule.forRootAsync({
          isGlobal: true,
          readModels: true,
          imports: [SettingsModule],
          inject: [SETTINGS],
          useFactory: (settings: { secret: string }) => ({
            store: `sqlite:${join(dir, 'ops.db')}`,
            cardFingerprintSecret: settings.secret,
            deadlines: false,
          }),
        }),
        FeatureModule,
      ],
    })
    class AppModule {}

    const app = await NestFactory.createApplicationContext(AppModule, { logger: false });
    const queries = app.get(BalanceQueries);
    expect(queries.store).toBeInstanceOf(SqliteEventStore);
    expect(queries.models.mode).toBe('inline');
    for (const command of fx.funded(40_000))
      await queries.ops.execute(command, fx.setUpOptions(command));
    await queries.ops.execute(fx.refund('rf-1', 15_000));
    await queries.ops.execute(fx.approve('rf-1'));
    // Inline on SQLite: the row changed in the same transaction as the events.
    expect(await getBalance(queries.models.reader, fx.ACCOUNT_ID)).toMatchObject({
      accountId: fx.ACCOUNT_ID,
      available: 25_000,
    });
    await app.close();
  });

  it('is not global unless asked: a module without the import cannot inject the engine', async () => {
    @Module({
      imports: [
        AccountOpsModule.forRoot({
          store: 'memory:',
          cardFingerprintSecret: 'test-card-fingerprint-secret',
          deadlines: false,
          readModels: true,
        }),
        FeatureModule,
      ],
    })
    class AppModule {}

    await expect(
      NestFactory.createApplicationContext(AppModule, { logger: false, abortOnError: false }),
    ).rejects.toThrow(/BalanceQueries/);
  });

  it('registers no read models unless asked: injecting them fails the start', async () => {
    @Module({
      imports: [
        AccountOpsModule.forRoot({
          store: 'memory:',
          cardFingerprintSecret: 'test-card-fingerprint-secret',
          deadlines: false,
          isGlobal: true,
        }),
        FeatureModule,
      ],
    })
    class AppModule {}

    await expect(
      NestFactory.createApplicationContext(AppModule, { logger: false, abortOnError: false }),
    ).rejects.toThrow(/ACCOUNT_OPS_READ_MODELS/);
  });

  it('exposes an async projector on a memory store that catches up on demand', async () => {
    const app = await NestFactory.createApplicationContext(
      AccountOpsModule.forRoot({
        store: 'memory:',
        cardFingerprintSecret: 'test-card-fingerprint-secret',
        deadlines: false,
        readModels: { mode: 'async' },
      }),
      { logger: false },
    );
    const ops = app.get<AccountOps>(ACCOUNT_OPS);
    const models = app.get<ReadModels>(ACCOUNT_OPS_READ_MODELS);
    for (const command of fx.funded(10_000)) await ops.execute(command, fx.setUpOptions(command));
    await models.catchUp();
    expect(await getBalance(models.reader, fx.ACCOUNT_ID)).toMatchObject({ available: 10_000 });
    await app.close();
  });
});
