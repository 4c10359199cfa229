import { Controller, Inject } from '@nestjs/common';
import { CommandSender } from '../commands/command-sender';
import { Write, type WriteContext } from '../commands/write-context';
import { NoteDto, RequestCancellationDto } from '../dto/freeze.dto';
import { IdParam } from '../http/path-params';
import { ValidBody } from '../http/validation';
import { AccountSchema } from '../openapi/account.schemas';
import { Endpoint } from '../routes/endpoint.decorator';
import type { AccountView } from '../views/account.view';
import { accountResult } from '../views/write-results';

/** SPEC §6: request, confirm (final statement), withdraw, reactivate. */
@Controller()
export class CancellationController {
  constructor(@Inject(CommandSender) private readonly commands: CommandSender) {}

  @Endpoint('requestCancellation', AccountSchema)
  async request(
    @IdParam('id') id: string,
    @ValidBody(RequestCancellationDto) body: RequestCancellationDto,
    @Write() write: WriteContext,
  ): Promise<AccountView> {
    return accountResult(
      await this.commands.write('RequestCancellation', id, { reason: body.reason }, write),
    );
  }

  @Endpoint('confirmCancellation', AccountSchema)
  async confirm(
    @IdParam('id') id: string,
    @ValidBody(NoteDto) body: NoteDto,
    @Write() write: WriteContext,
  ): Promise<AccountView> {
    return accountResult(
      await this.commands.write('ConfirmCancellation', id, { note: body.note }, write),
    );
  }

  @Endpoint('withdrawCancellation', AccountSchema)
  async withdraw(
    @IdParam('id') id: string,
    @ValidBody(NoteDto) body: NoteDto,
    @Write() write: WriteContext,
  ): Promise<AccountView> {
    return accountResult(
      await this.commands.write('WithdrawCancellation', id, { note: body.note }, write),
    );
  }

  @Endpoint('reactivate', AccountSchema)
  async reactivate(
    @IdParam('id') id: string,
    @ValidBody(NoteDto) body: NoteDto,
    @Write() write: WriteContext,
  ): Promise<AccountView> {
    return accountResult(
      await this.commands.write('ReactivateAccount', id, { note: body.note }, write),
    );
  }
}
