import { Controller, Inject } from '@nestjs/common';
import { FREEZE_REASONS, type FreezeReason, type ManualFreezeReason } from '@account-ops/accounts';
import { CommandSender } from '../commands/command-sender';
import { Write, type WriteContext } from '../commands/write-context';
import { FreezeDto, NoteDto, UnfreezeDto } from '../dto/freeze.dto';
import { IdParam, OneOfParam } from '../http/path-params';
import { ValidBody } from '../http/validation';
import { AccountSchema, SignalResultSchema } from '../openapi/account.schemas';
import { Endpoint } from '../routes/endpoint.decorator';
import type { AccountView } from '../views/account.view';
import { accountResult, signalResult, type SignalResult } from '../views/write-results';

/** SPEC §5: manual and compliance freezes, lifting a reason, maintenance windows. */
@Controller()
export class FreezesController {
  constructor(@Inject(CommandSender) private readonly commands: CommandSender) {}

  @Endpoint('freeze', AccountSchema)
  async freeze(
    @IdParam('id') id: string,
    @ValidBody(FreezeDto) body: FreezeDto,
    @Write() write: WriteContext,
  ): Promise<AccountView> {
    const payload = { reason: body.reason as ManualFreezeReason, note: body.note };
    return accountResult(await this.commands.write('Freeze', id, payload, write));
  }

  @Endpoint('unfreeze', AccountSchema)
  async unfreeze(
    @IdParam('id') id: string,
    @OneOfParam('reason', FREEZE_REASONS) reason: string,
    @ValidBody(UnfreezeDto) body: UnfreezeDto,
    @Write() write: WriteContext,
  ): Promise<AccountView> {
    const payload = { reason: reason as FreezeReason, note: body.note };
    return accountResult(await this.commands.write('Unfreeze', id, payload, write));
  }

  @Endpoint('startMaintenance', AccountSchema)
  async startMaintenance(
    @IdParam('id') id: string,
    @ValidBody(NoteDto) body: NoteDto,
    @Write() write: WriteContext,
  ): Promise<AccountView> {
    return accountResult(
      await this.commands.write('StartMaintenance', id, { note: body.note }, write),
    );
  }

  @Endpoint('endMaintenance', SignalResultSchema)
  async endMaintenance(
    @IdParam('id') id: string,
    @ValidBody(NoteDto) body: NoteDto,
    @Write() write: WriteContext,
  ): Promise<SignalResult> {
    return signalResult(
      await this.commands.write('EndMaintenance', id, { note: body.note }, write),
    );
  }
}
