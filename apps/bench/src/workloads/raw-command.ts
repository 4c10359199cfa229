import { createHash, randomUUID } from 'node:crypto';

/** A stream's tip as the raw baseline keeps it. */
export interface RawTip {
  readonly version: number;
  readonly hash: string;
}

/** The rows one raw command writes: an event, the stream's new tip, an idempotency record. */
export interface RawWrite {
  readonly eventId: string;
  readonly streamId: string;
  readonly version: number;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
  readonly hash: string;
  readonly recordKey: string;
  readonly recordValue: string;
}

export const RAW_GENESIS: RawTip = { version: 0, hash: '0'.repeat(64) };

export const rawStreamId = (accountId: string): string => `account-${accountId}`;

/**
 * What the engine's `InitiateTopUp` writes, built by hand: event data and metadata of the
 * same fields and size, a SHA-256 over the previous hash and the event (plain
 * JSON.stringify, not canonical JSON), and an idempotency record like the engine's.
 * `op` < 0 builds the account's first event.
 */
export function rawCommand(accountId: string, op: number, tip: RawTip): RawWrite {
  const now = new Date().toISOString();
  const streamId = rawStreamId(accountId);
  const eventId = randomUUID();
  const version = tip.version + 1;
  const type = op < 0 ? 'AccountOpened' : 'TopUpInitiated';
  const key = `${accountId}-t${op}`;
  const data = {
    topUpId: `t${op}`,
    amount: 100,
    currency: 'EUR',
    method: 'bank_transfer',
    paymentReference: `${accountId}-p${op}`,
    stepUpVerified: false,
    at: now,
    by: 'bench-gateway',
  };
  const metadata = {
    actor: { id: 'bench-gateway', roles: ['system'] },
    occurredAt: now,
    correlationId: eventId,
    causationId: eventId,
    idempotencyKey: key,
  };
  const content = JSON.stringify({
    eventId,
    streamId,
    version,
    type,
    schemaVersion: 1,
    data,
    metadata,
  });
  const hash = createHash('sha256').update(tip.hash).update('\n').update(content).digest('hex');
  const record = {
    eventHash: hash,
    accountId,
    commandType: 'InitiateTopUp',
    fromVersion: version,
    version,
    recordedAt: now,
  };
  return {
    eventId,
    streamId,
    version,
    type,
    data: JSON.stringify(data),
    metadata: JSON.stringify({ ...metadata, prevHash: tip.hash, hash }),
    hash,
    recordKey: JSON.stringify(['bench-gateway', key]),
    recordValue: JSON.stringify(record),
  };
}
