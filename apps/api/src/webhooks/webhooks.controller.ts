import { Controller, Inject, Param, ParseIntPipe } from '@nestjs/common';
import type { WebhookDeliveryView, WebhookEndpointView, Webhooks } from '@account-ops/engine';
import { IdParam } from '../http/path-params';
import { EmptyBody, ValidBody, ValidQuery } from '../http/validation';
import { Endpoint } from '../routes/endpoint.decorator';
import {
  ChangeWebhookDto,
  RegisterWebhookDto,
  ReplayWebhookDto,
  WebhookDeliveriesQueryDto,
} from './webhook.dto';
import { asProblems } from './webhook-problems';
import {
  WebhookDeliverySchema,
  WebhookEndpointSchema,
  WebhookResendSchema,
  WebhookWithSecretSchema,
} from './webhook.schemas';
import { WEBHOOKS } from './webhooks.tokens';

/** Admin: webhook endpoints, their deliveries, dead letters and replays (docs/operations.md). */
@Controller()
export class WebhooksController {
  constructor(@Inject(WEBHOOKS) private readonly webhooks: Webhooks) {}

  @Endpoint('registerWebhook', WebhookWithSecretSchema)
  register(@ValidBody(RegisterWebhookDto) body: RegisterWebhookDto) {
    return asProblems(
      this.webhooks.endpoints.register({
        url: body.url,
        topics: body.topics,
        ...(body.enabled !== undefined ? { enabled: body.enabled } : {}),
      }),
    );
  }

  @Endpoint('listWebhooks', WebhookEndpointSchema)
  list(): Promise<WebhookEndpointView[]> {
    return this.webhooks.endpoints.list();
  }

  @Endpoint('getWebhook', WebhookEndpointSchema)
  get(@IdParam('webhookId') id: string): Promise<WebhookEndpointView> {
    return asProblems(this.webhooks.endpoints.get(id));
  }

  @Endpoint('changeWebhook', WebhookWithSecretSchema)
  change(@IdParam('webhookId') id: string, @ValidBody(ChangeWebhookDto) body: ChangeWebhookDto) {
    return asProblems(this.webhooks.endpoints.change(id, body));
  }

  @Endpoint('deleteWebhook')
  async remove(
    @IdParam('webhookId') id: string,
    @EmptyBody() _body: unknown,
  ): Promise<{ deleted: string }> {
    await asProblems(this.webhooks.endpoints.remove(id));
    return { deleted: id };
  }

  @Endpoint('listWebhookDeliveries', WebhookDeliverySchema)
  deliveries(
    @IdParam('webhookId') id: string,
    @ValidQuery(WebhookDeliveriesQueryDto) query: WebhookDeliveriesQueryDto,
  ): Promise<WebhookDeliveryView[]> {
    return asProblems(this.webhooks.endpoints.deliveries(id, query));
  }

  @Endpoint('resendWebhookDelivery', WebhookResendSchema)
  async resendOne(
    @IdParam('webhookId') id: string,
    @Param('deliveryId', ParseIntPipe) deliveryId: number,
    @EmptyBody() _body: unknown,
  ): Promise<{ resent: number }> {
    return { resent: await asProblems(this.webhooks.endpoints.resend(id, deliveryId)) };
  }

  @Endpoint('resendDeadWebhooks', WebhookResendSchema)
  async resendAll(
    @IdParam('webhookId') id: string,
    @EmptyBody() _body: unknown,
  ): Promise<{ resent: number }> {
    return { resent: await asProblems(this.webhooks.endpoints.resend(id)) };
  }

  @Endpoint('replayWebhook', WebhookEndpointSchema)
  replay(
    @IdParam('webhookId') id: string,
    @ValidBody(ReplayWebhookDto) body: ReplayWebhookDto,
  ): Promise<WebhookEndpointView> {
    return asProblems(this.webhooks.endpoints.replay(id, body.fromPosition));
  }
}
