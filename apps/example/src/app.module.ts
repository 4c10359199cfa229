import { Module } from '@nestjs/common';
import { AccountOpsModule } from '@account-ops/engine';
import { BillingService } from './billing.service';
import { RecordedEventsListener } from './recorded-events.listener';

/** Embedding the engine: one import, configured from the environment. */
@Module({
  imports: [
    AccountOpsModule.forRootAsync({
      useFactory: () => ({
        store: process.env.ACCOUNT_OPS_STORE ?? 'sqlite:./data/example.db',
        cardFingerprintSecret: process.env.ACCOUNT_OPS_CARD_SECRET ?? 'example-only-not-a-secret',
      }),
    }),
  ],
  providers: [BillingService, RecordedEventsListener],
})
export class AppModule {}
