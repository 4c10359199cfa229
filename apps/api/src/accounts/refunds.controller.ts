import { Controller, Inject } from '@nestjs/common';
import type { RefundReason } from '@account-ops/accounts';
import { CommandSender } from '../commands/command-sender';
import { derivedId } from '../commands/derived-ids';
import { Write, type WriteContext } from '../commands/write-context';
import {
  CancelRefundDto,
  PayoutSucceededDto,
  RefundNoteDto,
  RefundReasonDto,
  RequestRefundDto,
} from '../dto/refund.dto';
import { IdParam } from '../http/path-params';
import { ValidBody } from '../http/validation';
import { RefundResultSchema } from '../openapi/entity.schemas';
import { Endpoint } from '../routes/endpoint.decorator';
import { refundResult, type RefundResult } from '../views/write-results';

/** SPEC §4: the refund approval machine, one route per step. */
@Controller()
export class RefundsController {
  constructor(@Inject(CommandSender) private readonly commands: CommandSender) {}

  @Endpoint('requestRefund', RefundResultSchema)
  async request(
    @IdParam('id') id: string,
    @ValidBody(RequestRefundDto) body: RequestRefundDto,
    @Write() write: WriteContext,
  ): Promise<RefundResult> {
    const refundId = body.refundId ?? derivedId('rf', write.actor.id, write.idempotencyKey);
    const payload = {
      refundId,
      amount: body.amount,
      reason: body.reason as RefundReason,
      note: body.note,
    };
    return refundResult(await this.commands.write('RequestRefund', id, payload, write), refundId);
  }

  @Endpoint('approveRefund', RefundResultSchema)
  async approve(
    @IdParam('id') id: string,
    @IdParam('refundId') refundId: string,
    @ValidBody(RefundNoteDto) body: RefundNoteDto,
    @Write() write: WriteContext,
  ): Promise<RefundResult> {
    const result = await this.commands.write(
      'ApproveRefund',
      id,
      { refundId, note: body.note },
      write,
    );
    return refundResult(result, refundId);
  }

  @Endpoint('rejectRefund', RefundResultSchema)
  async reject(
    @IdParam('id') id: string,
    @IdParam('refundId') refundId: string,
    @ValidBody(RefundReasonDto) body: RefundReasonDto,
    @Write() write: WriteContext,
  ): Promise<RefundResult> {
    const result = await this.commands.write(
      'RejectRefund',
      id,
      { refundId, reason: body.reason },
      write,
    );
    return refundResult(result, refundId);
  }

  @Endpoint('cancelRefund', RefundResultSchema)
  async cancel(
    @IdParam('id') id: string,
    @IdParam('refundId') refundId: string,
    @ValidBody(CancelRefundDto) body: CancelRefundDto,
    @Write() write: WriteContext,
  ): Promise<RefundResult> {
    const result = await this.commands.write(
      'CancelRefund',
      id,
      { refundId, reason: body.reason },
      write,
    );
    return refundResult(result, refundId);
  }

  @Endpoint('refundPaidOut', RefundResultSchema)
  async paidOut(
    @IdParam('id') id: string,
    @IdParam('refundId') refundId: string,
    @ValidBody(PayoutSucceededDto) body: PayoutSucceededDto,
    @Write() write: WriteContext,
  ): Promise<RefundResult> {
    const payload = { refundId, payoutReference: body.payoutReference };
    return refundResult(
      await this.commands.write('MarkRefundPaidOut', id, payload, write),
      refundId,
    );
  }

  @Endpoint('refundPayoutFailed', RefundResultSchema)
  async payoutFailed(
    @IdParam('id') id: string,
    @IdParam('refundId') refundId: string,
    @ValidBody(RefundReasonDto) body: RefundReasonDto,
    @Write() write: WriteContext,
  ): Promise<RefundResult> {
    const payload = { refundId, reason: body.reason };
    return refundResult(
      await this.commands.write('MarkRefundPayoutFailed', id, payload, write),
      refundId,
    );
  }

  @Endpoint('retryRefundPayout', RefundResultSchema)
  async retryPayout(
    @IdParam('id') id: string,
    @IdParam('refundId') refundId: string,
    @ValidBody(RefundNoteDto) body: RefundNoteDto,
    @Write() write: WriteContext,
  ): Promise<RefundResult> {
    const result = await this.commands.write(
      'RetryRefundPayout',
      id,
      { refundId, note: body.note },
      write,
    );
    return refundResult(result, refundId);
  }
}
