import { Controller, Inject } from '@nestjs/common';
import type { Currency } from '@account-ops/accounts';
import { RecordsAccess } from '../access-log/records-access';
import { AccountHistory } from '../audit-trail/account-history';
import { CommandSender } from '../commands/command-sender';
import { derivedId } from '../commands/derived-ids';
import { Write, type WriteContext } from '../commands/write-context';
import { ChangeBankCardDto, OpenAccountDto } from '../dto/account.dto';
import { IdParam } from '../http/path-params';
import { ValidBody } from '../http/validation';
import { AccountDetailsSchema, AccountSchema } from '../openapi/account.schemas';
import { Endpoint } from '../routes/endpoint.decorator';
import type { AccountDetailsView, AccountView } from '../views/account.view';
import { accountResult } from '../views/write-results';

/** Opening, reading and the bank card. */
@Controller()
export class AccountsController {
  constructor(
    @Inject(CommandSender) private readonly commands: CommandSender,
    @Inject(AccountHistory) private readonly history: AccountHistory,
  ) {}

  @Endpoint('openAccount', AccountSchema)
  async open(
    @ValidBody(OpenAccountDto) body: OpenAccountDto,
    @Write() write: WriteContext,
  ): Promise<AccountView> {
    const accountId = body.accountId ?? derivedId('acc', write.actor.id, write.idempotencyKey);
    const plan = body.plan && {
      pricePerCycle: body.plan.pricePerCycle,
      cycleDays: body.plan.cycleDays,
      cycleStart: body.plan.cycleStart,
    };
    const payload = {
      ownerName: body.ownerName,
      ownerEmail: body.ownerEmail,
      currency: body.currency as Currency,
      plan,
    };
    return accountResult(await this.commands.write('OpenAccount', accountId, payload, write));
  }

  @Endpoint('getAccount', AccountDetailsSchema)
  @RecordsAccess()
  get(@IdParam('id') id: string): Promise<AccountDetailsView> {
    return this.history.current(id);
  }

  @Endpoint('changeBankCard', AccountSchema)
  async changeBankCard(
    @IdParam('id') id: string,
    @ValidBody(ChangeBankCardDto) body: ChangeBankCardDto,
    @Write() write: WriteContext,
  ): Promise<AccountView> {
    const payload = {
      cardNumber: body.cardNumber,
      holderName: body.holderName,
      bankName: body.bankName,
    };
    return accountResult(await this.commands.write('ChangeBankCard', id, payload, write));
  }
}
