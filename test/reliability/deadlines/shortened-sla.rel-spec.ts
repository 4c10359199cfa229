import { clockToEnv, type ClockSpec } from '../harness/accelerated-clock';
import { startDrillIdentity, type DrillIdentity } from '../harness/drill-identity';
import { ApiProcess } from '../harness/api-process';
import { CHILD_ENV } from '../harness/child-protocol';
import { send, type Request } from '../harness/http';
import { postgresStore, sqliteStore, type ThrowawayStore } from '../harness/throwaway-store';

// One domain hour every six real seconds: the configured 1-hour SLA passes within seconds,
// SPEC's default (72 h) would take over seven minutes: an expiry here is the setting's.
const FACTOR = 600;
const SLA_HOURS = 1;
const WAIT_MS = 60_000;

interface Refund {
  readonly refundId: string;
  readonly status: string;
  readonly requestedAt: string;
  readonly approvalDeadline: string;
}

/**
 * Issue 26: the approval SLA is an operator setting. Two API processes on one store, both
 * running the deadline scheduler, started with ACCOUNT_OPS_REFUND_APPROVAL_SLA_HOURS=1
 * (read by the same loader as `npm start`): a refund nobody decides expires once, an hour
 * (domain time) after its request, and the hold is released. Black box: HTTP only.
 */
describe.each([
  ['SQLite', sqliteStore],
  ['PostgreSQL', postgresStore],
] as const)('a shortened refund approval SLA, two API processes [%s]', (_name, makeStore) => {
  let store: ThrowawayStore;
  let apis: ApiProcess[] = [];
  let identity: DrillIdentity | undefined;
  beforeAll(async () => {
    store = makeStore();
    // The admin's card change needs a second factor: a recent MFA sign-in (drill-identity.ts).
    identity = await startDrillIdentity();
    const clock: ClockSpec = {
      t0: Date.parse('2026-05-04T08:00:00.000Z'),
      r0: Date.now(),
      factor: FACTOR,
    };
    const env = {
      ...store.childEnv(),
      ...identity.env,
      [CHILD_ENV.clock]: clockToEnv(clock),
      [CHILD_ENV.tickMs]: '50',
      ACCOUNT_OPS_REFUND_APPROVAL_SLA_HOURS: String(SLA_HOURS),
    };
    apis = await Promise.all([ApiProcess.spawn(env), ApiProcess.spawn(env)]);
    await Promise.all(apis.map((api) => api.go()));
  }, 120_000);
  afterAll(async () => {
    await Promise.all(apis.map((api) => api.kill()));
    await identity?.close();
    await store?.released();
    await store?.dispose();
  });

  let keys = 0;
  const call = async (api: ApiProcess, request: Omit<Request, 'idempotencyKey'>) => {
    const write = request.method !== 'GET';
    const response = await send(api.baseUrl, {
      ...request,
      ...(write ? { idempotencyKey: `sla-${++keys}` } : {}),
    });
    if (response.status >= 300) {
      throw new Error(`${request.method} ${request.path}: ${response.status} ${response.text}`);
    }
    return JSON.parse(response.text) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  };

  it('expires an undecided refund exactly once, one configured hour after its request', async () => {
    const [a, b] = apis as [ApiProcess, ApiProcess];
    const id = `sla-${Date.now()}`;
    const base = `/accounts/${id}`;
    await call(a, {
      method: 'POST',
      path: '/accounts',
      actor: 'operator',
      body: {
        accountId: id,
        ownerName: 'Ada Lovelace',
        ownerEmail: 'ada@example.com',
        currency: 'EUR',
      },
    });
    await call(b, {
      method: 'PUT',
      path: `${base}/bank-card`,
      actor: 'admin',
      body: {
        cardNumber: '5555555555554444',
        holderName: 'ADA LOVELACE',
        bankName: 'Example Bank',
      },
    });
    const topUp = {
      topUpId: 'tu-1',
      amount: 50_000,
      method: 'bank_transfer',
      paymentReference: 'p-1',
    };
    await call(a, { method: 'POST', path: `${base}/top-ups`, actor: 'system', body: topUp });
    await call(b, { method: 'POST', path: `${base}/top-ups/tu-1/settle`, actor: 'system' });
    const requested = (await call(b, {
      method: 'POST',
      path: `${base}/refunds`,
      actor: 'operator',
      body: { refundId: 'rf-1', amount: 20_000, reason: 'other', note: 'sla test' },
    })) as unknown as Refund & { balance: { held: number } };
    expect(requested.balance.held).toBe(20_000);
    expect(Date.parse(requested.approvalDeadline) - Date.parse(requested.requestedAt)).toBe(
      SLA_HOURS * 3_600_000,
    );

    // Both processes' schedulers race for the deadline; poll (bounded) until it fired.
    const giveUp = Date.now() + WAIT_MS;
    let refund: Refund | undefined;
    for (;;) {
      const account = await call(Date.now() % 2 ? a : b, {
        method: 'GET',
        path: base,
        actor: 'auditor',
      });
      refund = (account.refunds as Refund[]).find((r) => r.refundId === 'rf-1');
      if (refund?.status === 'expired' || Date.now() > giveUp) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(refund?.status).toBe('expired');

    const events = await call(a, {
      method: 'GET',
      path: `${base}/events?limit=1000`,
      actor: 'auditor',
    });
    const expired = (events.items as { type: string; metadata: { occurredAt: string } }[]).filter(
      (e) => e.type === 'RefundExpired',
    );
    expect(expired).toHaveLength(1);
    // Fired at (not before) the configured deadline.
    expect(Date.parse(expired[0]!.metadata.occurredAt)).toBeGreaterThanOrEqual(
      Date.parse(requested.approvalDeadline),
    );
    const account = await call(b, { method: 'GET', path: base, actor: 'auditor' });
    expect(account.balance).toEqual({ available: 50_000, held: 0, pendingIn: 0 });
  }, 120_000);
});
