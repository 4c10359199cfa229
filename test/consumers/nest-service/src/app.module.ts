// #region module
import { Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { AccountOpsModule } from '@account-ops/engine';
import { RefundDesk } from './refund-desk';
import { RefundWatcher } from './refund-watcher';

@Module({
  imports: [
    ConfigModule.forRoot({ ignoreEnvFile: true }),
    AccountOpsModule.forRootAsync({
      isGlobal: true, // ACCOUNT_OPS, ACCOUNT_OPS_STORE, the CommandBus: injectable in every module
      readModels: true, // balance, audit and ops read models as ACCOUNT_OPS_READ_MODELS
      imports: [ConfigModule],
      inject: [ConfigService],
      useFactory: (config: ConfigService) => ({
        // sqlite:./data/account-ops.db, postgres://user@host/db, memory:, or a store instance
        store: config.getOrThrow<string>('ACCOUNT_OPS_STORE'),
        // HMAC key for card fingerprints, at least 16 characters, never logged
        cardFingerprintSecret: config.getOrThrow<string>('ACCOUNT_OPS_CARD_SECRET'),
        // fire deadlines and deliver the outbox elsewhere (default: every second, in-process)
        deadlines: false,
      }),
    }),
  ],
  providers: [RefundDesk, RefundWatcher],
})
export class AppModule {}
// #endregion module
