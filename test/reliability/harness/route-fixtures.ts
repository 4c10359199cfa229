import { accountStreamId, type Webhooks } from '@account-ops/engine';
import type { RouteName } from '../../../apps/api/src/routes/route-table';
import { AuditLogService } from '../../../apps/api/src/audit-log/audit-log.service';
import { WEBHOOKS } from '../../../apps/api/src/webhooks/webhooks.tokens';
import type { ActorName } from '../../../apps/api/test/support/actors';
import { seeder } from '../../../apps/api/test/support/seed';
import type { ReliabilityApi } from '../http/reliability-api';

/**
 * What a route's valid request needs beyond an account of its own: resources that only exist
 * once something else happened (a signed checkpoint, a registered webhook endpoint, a dead
 * delivery), made the way production makes them (the API, the checkpoint service, the
 * delivery worker), and the request that then succeeds.
 */
export interface RouteFixture {
  /** Path parameters other than `:id`, by name (`:webhookId` → the endpoint's id). */
  readonly ids: Readonly<Record<string, string>>;
  /** The valid request's query string, without `?` ('' when the route takes none). */
  readonly query: string;
  readonly body?: Readonly<Record<string, unknown>>;
  readonly actor: ActorName;
}

type Prepare = (api: ReliabilityApi, accountId: string) => Promise<RouteFixture>;

/**
 * A receiver nobody listens on (port 1 on loopback refuses at once): every delivery attempt
 * fails without a network, and with the harness's one attempt a delivery is dead at once.
 */
export const UNREACHABLE_RECEIVER = 'http://127.0.0.1:1/account-ops-hooks';

const auditLog = (api: ReliabilityApi) => api.app.get(AuditLogService, { strict: false });
const webhooks = (api: ReliabilityApi) => api.app.get<Webhooks>(WEBHOOKS, { strict: false });

/** An account with history and a signed checkpoint that covers it. */
async function checkpointed(api: ReliabilityApi, accountId: string): Promise<number> {
  await seeder(api).ready(accountId, 100_000);
  const signed = await auditLog(api).tick();
  if (!signed) throw new Error('the checkpoint service signed nothing');
  return signed.size;
}

async function registerEndpoint(api: ReliabilityApi): Promise<string> {
  const res = await api
    .as('admin')
    .post('/webhooks', { url: UNREACHABLE_RECEIVER, topics: ['*'] })
    .expect(201);
  return (res.body as { endpoint: { id: string } }).endpoint.id;
}

const history =
  (query = ''): Prepare =>
  async (api, accountId) => {
    await checkpointed(api, accountId);
    return { ids: {}, query, actor: 'auditor' };
  };

const onEndpoint =
  (body?: Record<string, unknown>): Prepare =>
  async (api) => ({
    ids: { ':webhookId': await registerEndpoint(api) },
    query: '',
    body,
    actor: 'admin',
  });

export const ROUTE_FIXTURES: Readonly<Partial<Record<RouteName, Prepare>>> = {
  latestCheckpoint: history(),
  checkpointKey: history(),
  accountEvidence: history(),
  inclusionProof: async (api, accountId) => {
    await checkpointed(api, accountId);
    const [first] = await api.store.readStream(accountStreamId(accountId));
    return { ids: {}, query: `eventId=${first!.eventId}`, actor: 'auditor' };
  },
  consistencyProof: async (api, accountId) => {
    const older = await checkpointed(api, `${accountId}-older`);
    const newer = await checkpointed(api, accountId);
    return { ids: {}, query: `from=${older}&to=${newer}`, actor: 'auditor' };
  },
  registerWebhook: async () => ({
    ids: {},
    query: '',
    body: { url: UNREACHABLE_RECEIVER, topics: ['refund_approved', 'FreezeApplied'] },
    actor: 'admin',
  }),
  listWebhooks: async (api) => {
    await registerEndpoint(api);
    return { ids: {}, query: '', actor: 'admin' };
  },
  getWebhook: onEndpoint(),
  changeWebhook: onEndpoint({ enabled: false }),
  deleteWebhook: onEndpoint(),
  listWebhookDeliveries: onEndpoint(),
  resendDeadWebhooks: onEndpoint(),
  replayWebhook: onEndpoint({ fromPosition: '0' }),
  resendWebhookDelivery: async (api, accountId) => {
    const webhookId = await registerEndpoint(api);
    // An event after the registration, delivered (and refused by nobody listening): dead.
    await seeder(api).ready(accountId, 100_000);
    await webhooks(api).dispatcher.runDue();
    const dead = await api
      .as('admin')
      .get(`/webhooks/${webhookId}/deliveries?status=dead`)
      .expect(200);
    const [delivery] = dead.body as Array<{ id: number | string }>;
    if (delivery === undefined) throw new Error('no dead delivery to re-send');
    return {
      ids: { ':webhookId': webhookId, ':deliveryId': String(delivery.id) },
      query: '',
      actor: 'admin',
    };
  },
};

/** The path of a route with the fixture's ids and the account's, and the fixture's query. */
export function fixturePath(
  routePath: string,
  accountId: string,
  fixture: Pick<RouteFixture, 'ids' | 'query'>,
): string {
  const path = routePath.replace(/:\w+/g, (param) =>
    param === ':id' ? accountId : (fixture.ids[param] ?? param),
  );
  return fixture.query === '' ? path : `${path}?${fixture.query}`;
}
