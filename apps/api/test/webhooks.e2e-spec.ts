import { verifyWebhookSignature, type Webhooks } from '@account-ops/engine';
import { WebhookReceiver } from '../../../libs/engine/src/webhooks/testing/webhook-receiver';
import { WEBHOOKS } from '../src/webhooks/webhooks.tokens';
import { seeder } from './support/seed';
import { freshId, startTestApi, type TestApi } from './support/test-api';

describe.each(['sqlite', 'postgres'] as const)('webhooks over HTTP [%s]', (backend) => {
  let t: TestApi;
  let receiver: WebhookReceiver;
  let webhooks: Webhooks;
  beforeAll(async () => {
    receiver = await WebhookReceiver.start();
    t = await startTestApi(backend, {
      webhooks: {
        development: true,
        timeoutMs: 20_000,
        leaseMs: 60_000,
        maxAttempts: 2,
        random: () => 0.5,
      },
    });
    webhooks = t.app.get<Webhooks>(WEBHOOKS, { strict: false });
  });
  afterAll(async () => {
    await t.close();
    await receiver.close();
  });

  const admin = () => t.as('admin');
  const run = () => webhooks.dispatcher.runDue();

  it('registers (admin only, secret once), signs deliveries, lists them, re-sends dead letters, replays and deletes', async () => {
    await t
      .as('operator')
      .post('/webhooks', { url: receiver.url, topics: ['*'] })
      .expect(403);
    const refused = await admin()
      .post('/webhooks', { url: 'https://169.254.169.254/latest', topics: ['*'] })
      .expect(422);
    expect(refused.body.code).toBe('WEBHOOK_URL_REFUSED');
    const unknown = await admin()
      .post('/webhooks', { url: receiver.url, topics: ['NoSuchEvent'] })
      .expect(400);
    expect(unknown.body.code).toBe('VALIDATION_FAILED');

    const created = await admin()
      .post('/webhooks', { url: receiver.url, topics: ['account_frozen', 'refund_paid_out'] })
      .expect(201);
    const { endpoint, secret } = created.body as { endpoint: { id: string }; secret: string };
    expect(secret).toMatch(/^whsec_/);
    const listed = await admin().get('/webhooks').expect(200);
    expect(JSON.stringify(listed.body)).not.toContain(secret);
    expect(t.logs.join('')).not.toContain(secret);
    const base = `/webhooks/${endpoint.id}`;

    // A freeze through the API: the command returns before (and whatever) the delivery does.
    const id = freshId();
    await seeder(t).ready(id, 10_000);
    await t
      .as('admin')
      .post(`/accounts/${id}/freezes`, { reason: 'manual', note: 'check' })
      .expect(201);
    expect(receiver.received).toEqual([]);
    expect(await run()).toMatchObject({ queued: 1, delivered: 1 });
    const [first] = receiver.received;
    expect(
      verifyWebhookSignature(first!.headers['webhook-signature'] as string, first!.body, [secret], {
        now: t.clock.now(),
      }).valid,
    ).toBe(true);
    expect(JSON.parse(first!.body)).toMatchObject({
      type: 'FreezeApplied',
      accountId: id,
      notification: { kind: 'account_frozen' },
    });
    expect(first!.body).not.toContain('Ada Lovelace');

    // Two failures → dead letter, listed with its status and last error, then re-sent.
    receiver.otherwise = 'fail';
    await t.as('admin').delete(`/accounts/${id}/freezes/manual`, { note: 'cleared' }).expect(200);
    await t
      .as('admin')
      .post(`/accounts/${id}/freezes`, { reason: 'manual', note: 'again' })
      .expect(201);
    await run();
    t.clock.advance(3_600_000);
    await run();
    const dead = await admin().get(`${base}/deliveries?status=dead`).expect(200);
    expect(dead.body).toHaveLength(1);
    expect(dead.body[0]).toMatchObject({
      status: 'dead',
      attempts: 2,
      lastStatus: 500,
      lastError: 'HTTP 500',
    });
    receiver.otherwise = 'ok';
    const resent = await admin().post(`${base}/deliveries/${dead.body[0].id}/resend`).expect(200);
    expect(resent.body).toEqual({ resent: 1 });
    await run();
    const again = await admin().post(`${base}/deliveries/${dead.body[0].id}/resend`).expect(400);
    expect(again.body.code).toBe('INVALID_WEBHOOK_INPUT');
    expect((await admin().post(`${base}/resend`).expect(200)).body).toEqual({ resent: 0 });

    // Disabled: nothing goes out; replay from 0 delivers every subscribed event again.
    await admin().patch(base, { enabled: false }).expect(200);
    const delivered = receiver.accepted().length;
    await admin().post(`${base}/replay`, { fromPosition: '0' }).expect(200);
    await run();
    expect(receiver.accepted()).toHaveLength(delivered);
    await admin().patch(base, { enabled: true }).expect(200);
    await run();
    expect(receiver.accepted().length - delivered).toBe(2);

    const rotated = await admin().patch(base, { rotateSecret: true }).expect(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.endpoint.previousSecretExpiresAt).not.toBeNull();

    await admin().delete(base).expect(200);
    const gone = await admin().get(base).expect(404);
    expect(gone.body.code).toBe('WEBHOOK_NOT_FOUND');
  });
});
