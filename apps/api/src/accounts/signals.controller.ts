import { Controller, Inject } from '@nestjs/common';
import { CommandSender } from '../commands/command-sender';
import { Write, type WriteContext } from '../commands/write-context';
import { NoteDto } from '../dto/freeze.dto';
import { IdParam } from '../http/path-params';
import { EmptyBody, ValidBody } from '../http/validation';
import { AccountSchema, SignalResultSchema } from '../openapi/account.schemas';
import { Endpoint } from '../routes/endpoint.decorator';
import type { AccountView } from '../views/account.view';
import { accountResult, signalResult, type SignalResult } from '../views/write-results';

/**
 * SPEC §5 integration signals from the identity provider and billing. Each signal is one
 * fact (a failed login is counted once): send it with the upstream event's id as the
 * Idempotency-Key, so a redelivered webhook is not counted twice.
 */
@Controller()
export class SignalsController {
  constructor(@Inject(CommandSender) private readonly commands: CommandSender) {}

  @Endpoint('recordFailedLogin', AccountSchema)
  async failedLogin(
    @IdParam('id') id: string,
    @EmptyBody() _body: unknown,
    @Write() write: WriteContext,
  ): Promise<AccountView> {
    return accountResult(await this.commands.write('RecordFailedLogin', id, {}, write));
  }

  @Endpoint('resetPassword', SignalResultSchema)
  async passwordReset(
    @IdParam('id') id: string,
    @EmptyBody() _body: unknown,
    @Write() write: WriteContext,
  ): Promise<SignalResult> {
    return signalResult(await this.commands.write('ResetPassword', id, {}, write));
  }

  @Endpoint('markPaymentOverdue', AccountSchema)
  async overdue(
    @IdParam('id') id: string,
    @ValidBody(NoteDto) body: NoteDto,
    @Write() write: WriteContext,
  ): Promise<AccountView> {
    return accountResult(
      await this.commands.write('MarkPaymentOverdue', id, { note: body.note }, write),
    );
  }

  @Endpoint('settleOverdue', SignalResultSchema)
  async overdueSettled(
    @IdParam('id') id: string,
    @ValidBody(NoteDto) body: NoteDto,
    @Write() write: WriteContext,
  ): Promise<SignalResult> {
    return signalResult(await this.commands.write('SettleOverdue', id, { note: body.note }, write));
  }
}
