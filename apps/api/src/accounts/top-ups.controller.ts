import { Controller, Inject } from '@nestjs/common';
import type { TopUpMethod } from '@account-ops/accounts';
import { CommandSender } from '../commands/command-sender';
import { derivedId } from '../commands/derived-ids';
import { Write, type WriteContext } from '../commands/write-context';
import { FailTopUpDto, InitiateTopUpDto } from '../dto/top-up.dto';
import { IdParam } from '../http/path-params';
import { EmptyBody, ValidBody } from '../http/validation';
import { TopUpResultSchema } from '../openapi/entity.schemas';
import { Endpoint } from '../routes/endpoint.decorator';
import { topUpResult, type TopUpResult } from '../views/write-results';

/** SPEC §2: initiate, then the payment system settles or fails (202: asynchronous steps). */
@Controller()
export class TopUpsController {
  constructor(@Inject(CommandSender) private readonly commands: CommandSender) {}

  @Endpoint('initiateTopUp', TopUpResultSchema)
  async initiate(
    @IdParam('id') id: string,
    @ValidBody(InitiateTopUpDto) body: InitiateTopUpDto,
    @Write() write: WriteContext,
  ): Promise<TopUpResult> {
    const topUpId = body.topUpId ?? derivedId('tu', write.actor.id, write.idempotencyKey);
    const payload = {
      topUpId,
      amount: body.amount,
      method: body.method as TopUpMethod,
      paymentReference: body.paymentReference,
    };
    return topUpResult(await this.commands.write('InitiateTopUp', id, payload, write), topUpId);
  }

  @Endpoint('settleTopUp', TopUpResultSchema)
  async settle(
    @IdParam('id') id: string,
    @IdParam('topUpId') topUpId: string,
    @EmptyBody() _body: unknown,
    @Write() write: WriteContext,
  ): Promise<TopUpResult> {
    return topUpResult(await this.commands.write('SettleTopUp', id, { topUpId }, write), topUpId);
  }

  @Endpoint('failTopUp', TopUpResultSchema)
  async fail(
    @IdParam('id') id: string,
    @IdParam('topUpId') topUpId: string,
    @ValidBody(FailTopUpDto) body: FailTopUpDto,
    @Write() write: WriteContext,
  ): Promise<TopUpResult> {
    const result = await this.commands.write(
      'FailTopUp',
      id,
      { topUpId, reason: body.reason },
      write,
    );
    return topUpResult(result, topUpId);
  }
}
