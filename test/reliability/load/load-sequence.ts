import { join } from 'node:path';
import type { Request as AutocannonRequest } from 'autocannon';
import { authorization, type RelActor } from '../harness/actors';

const SETUP_REQUEST = join(__dirname, 'setup-request.js');

interface Call {
  readonly actor: RelActor;
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly path: string;
  readonly body?: object;
}

const a = '/accounts/{account}';

/**
 * One account's life under load, replayed by every connection for a fresh account each
 * pass (setup-request.js fills `{account}` and the Idempotency-Key): money in, a refund
 * paid, one rejected, a freeze, a cancellation withdrawn, reads, and a refund left open —
 * so after the run `held` must equal exactly the open refunds. Every answer must be 2xx.
 */
const SEQUENCE: readonly Call[] = [
  {
    actor: 'operator',
    method: 'POST',
    path: '/accounts',
    body: {
      accountId: '{account}',
      ownerName: 'Load Test',
      ownerEmail: 'load@example.com',
      currency: 'EUR',
    },
  },
  {
    actor: 'admin',
    method: 'PUT',
    path: `${a}/bank-card`,
    body: { cardNumber: '4111111111111111', holderName: 'LOAD TEST', bankName: 'Example Bank' },
  },
  {
    actor: 'system',
    method: 'POST',
    path: `${a}/top-ups`,
    body: { topUpId: 'tu-1', amount: 100_000, method: 'card', paymentReference: 'ref-{account}' },
  },
  { actor: 'system', method: 'POST', path: `${a}/top-ups/tu-1/settle` },
  {
    actor: 'operator',
    method: 'POST',
    path: `${a}/refunds`,
    body: { refundId: 'rf-1', amount: 30_000, reason: 'duplicate_charge' },
  },
  { actor: 'approver', method: 'POST', path: `${a}/refunds/rf-1/approve`, body: {} },
  { actor: 'system', method: 'POST', path: `${a}/refunds/rf-1/payout-succeeded`, body: {} },
  {
    actor: 'operator',
    method: 'POST',
    path: `${a}/refunds`,
    body: { refundId: 'rf-2', amount: 20_000, reason: 'price_change' },
  },
  {
    actor: 'approver',
    method: 'POST',
    path: `${a}/refunds/rf-2/reject`,
    body: { reason: 'outside the refund window' },
  },
  {
    actor: 'admin',
    method: 'POST',
    path: `${a}/freezes`,
    body: { reason: 'manual', note: 'load' },
  },
  { actor: 'operator', method: 'GET', path: a },
  { actor: 'admin', method: 'DELETE', path: `${a}/freezes/manual`, body: { note: 'done' } },
  { actor: 'admin', method: 'POST', path: `${a}/cancellation`, body: { reason: 'load test' } },
  { actor: 'admin', method: 'DELETE', path: `${a}/cancellation`, body: {} },
  {
    actor: 'operator',
    method: 'POST',
    path: `${a}/refunds`,
    body: { refundId: 'rf-3', amount: 10_000, reason: 'technical_issue' },
  },
  { actor: 'operator', method: 'GET', path: `${a}/balance` },
];

export function loadRequests(): AutocannonRequest[] {
  return SEQUENCE.map((call) => ({
    method: call.method,
    path: call.path,
    headers: {
      authorization: authorization(call.actor),
      ...(call.body ? { 'content-type': 'application/json' } : {}),
    },
    ...(call.body ? { body: JSON.stringify(call.body) } : {}),
    // A file path, not a function: the requests are built in autocannon's worker thread.
    setupRequest: SETUP_REQUEST,
  }));
}
