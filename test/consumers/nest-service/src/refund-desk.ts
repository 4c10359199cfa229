// #region service
import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { MakerCheckerViolation, type Actor } from '@account-ops/accounts';
import {
  ACCOUNT_OPS_READ_MODELS,
  ApproveRefundCommand,
  ChangeBankCardCommand,
  InitiateTopUpCommand,
  OpenAccountCommand,
  RequestRefundCommand,
  SettleTopUpCommand,
  type CommandResult,
} from '@account-ops/engine';
import { getBalance, type AccountBalance, type ReadModels } from '@account-ops/projections';

const SIGNUP: Actor = { id: 'signup-service', roles: ['operator'] };
const ONBOARDING: Actor = { id: 'onboarding', roles: ['admin'] };
const GATEWAY: Actor = { id: 'payment-gateway', roles: ['system'] };
const AGENT: Actor = { id: 'agent-7', roles: ['operator'] };
const SUPERVISOR: Actor = { id: 'supervisor-2', roles: ['approver'] };

@Injectable()
export class RefundDesk {
  constructor(
    @Inject(CommandBus) private readonly commandBus: CommandBus,
    @Inject(ACCOUNT_OPS_READ_MODELS) private readonly readModels: ReadModels,
  ) {}

  async openAndFund(accountId: string, amount: number): Promise<void> {
    await this.commandBus.execute(
      new OpenAccountCommand(
        {
          type: 'OpenAccount',
          accountId,
          actor: SIGNUP,
          ownerName: 'Ada Lovelace',
          ownerEmail: 'ada@example.com',
          currency: 'EUR',
        },
        { idempotencyKey: `open-${accountId}` }, // the same key again: the first result, nothing written
      ),
    );
    await this.commandBus.execute(
      new ChangeBankCardCommand(
        {
          type: 'ChangeBankCard',
          accountId,
          actor: ONBOARDING,
          cardNumber: '4111111111111111', // stored as last4, brand and a keyed fingerprint only
          holderName: 'ADA LOVELACE',
          bankName: 'Example Bank',
        },
        // Every card change needs a verified second factor (SPEC §3): send the person's
        // `stepUpCode`, or say that your service verified their MFA itself.
        { stepUpVerifiedByHost: true },
      ),
    );
    const topUp = { accountId, actor: GATEWAY, topUpId: `tu-${accountId}` };
    await this.commandBus.execute(
      new InitiateTopUpCommand({
        type: 'InitiateTopUp',
        ...topUp,
        amount, // minor units
        method: 'bank_transfer',
        paymentReference: `psp-${accountId}`,
      }),
    );
    await this.commandBus.execute(new SettleTopUpCommand({ type: 'SettleTopUp', ...topUp }));
  }

  /** Maker-checker: the agent requests, a different actor approves. */
  async refund(accountId: string, refundId: string, amount: number): Promise<CommandResult> {
    await this.commandBus.execute(
      new RequestRefundCommand(
        {
          type: 'RequestRefund',
          accountId,
          actor: AGENT,
          refundId,
          amount,
          reason: 'service_unsatisfactory',
        },
        { idempotencyKey: `refund-${refundId}` },
      ),
    );
    try {
      await this.commandBus.execute(
        new ApproveRefundCommand({
          type: 'ApproveRefund',
          accountId,
          actor: { id: AGENT.id, roles: ['approver'] },
          refundId,
        }),
      );
      throw new Error('the requester approved their own refund');
    } catch (error) {
      if (!(error instanceof MakerCheckerViolation)) throw error;
      // error.code === 'MAKER_CHECKER_VIOLATION', error.kind === 'rule' (HTTP 422)
    }
    return this.commandBus.execute(
      new ApproveRefundCommand({ type: 'ApproveRefund', accountId, actor: SUPERVISOR, refundId }),
    );
  }

  /** The balance read model (inline on SQLite; async elsewhere, hence the catch-up). */
  async balance(accountId: string): Promise<AccountBalance | undefined> {
    if (this.readModels.mode === 'async') await this.readModels.catchUp();
    return getBalance(this.readModels.reader, accountId);
  }
}
// #endregion service
