import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  InitiateTopUpCommand,
  OpenAccountCommand,
  SettleTopUpCommand,
  type CommandResult,
} from '@account-ops/engine';

const GATEWAY = { id: 'payment-gateway', roles: ['system' as const] };

/** A team's own service sending engine commands through the CommandBus. */
@Injectable()
export class BillingService {
  // Explicit token: works whether or not the build emits decorator metadata (tsx does not).
  constructor(@Inject(CommandBus) private readonly commandBus: CommandBus) {}

  openAccount(accountId: string, ownerName: string, ownerEmail: string): Promise<CommandResult> {
    return this.commandBus.execute(
      new OpenAccountCommand(
        {
          type: 'OpenAccount',
          accountId,
          actor: { id: 'signup-service', roles: ['operator'] },
          ownerName,
          ownerEmail,
          currency: 'EUR',
        },
        { idempotencyKey: `open-${accountId}` },
      ),
    );
  }

  async topUp(accountId: string, topUpId: string, amount: number): Promise<CommandResult> {
    await this.commandBus.execute(
      new InitiateTopUpCommand(
        {
          type: 'InitiateTopUp',
          accountId,
          actor: GATEWAY,
          topUpId,
          amount,
          method: 'card',
          paymentReference: `psp-${topUpId}`,
        },
        { idempotencyKey: `topup-${topUpId}` },
      ),
    );
    return this.commandBus.execute(
      new SettleTopUpCommand({ type: 'SettleTopUp', accountId, actor: GATEWAY, topUpId }),
    );
  }
}
