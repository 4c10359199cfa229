import type { WrappedKey } from '../privacy/key-provider';
import type { WebhookSql } from './webhook-sql';

/** A signing secret as stored: wrapped by the key-encryption key, never in clear. */
export interface StoredWebhookSecret {
  readonly wrapped: WrappedKey;
  readonly createdAt: number;
  /** Set on the previous secret when a new one replaces it: signed with until then. */
  readonly expiresAt: number | null;
}

export interface StoredEndpoint {
  readonly id: string;
  readonly url: string;
  /** Event types and notification kinds it receives; `*` for everything. */
  readonly topics: readonly string[];
  readonly enabled: boolean;
  readonly secrets: readonly StoredWebhookSecret[];
  /** The global position the feeder has turned into deliveries up to (formatPosition). */
  readonly cursor: string;
  /** Bumped by a replay, so the same events can be delivered to it again. */
  readonly round: number;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'dead';

export interface StoredDelivery {
  readonly seq: number;
  readonly endpointId: string;
  readonly round: number;
  /** The event's id: the `Webhook-Id` receivers de-duplicate by. */
  readonly eventId: string;
  readonly accountId: string;
  readonly position: string;
  readonly topic: string;
  readonly payload: string;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  readonly nextAttemptAt: number;
  readonly leaseOwner: string | null;
  readonly leaseUntil: number | null;
  readonly lastError: string | null;
  readonly lastStatus: number | null;
  readonly createdAt: number;
  readonly deliveredAt: number | null;
}

export interface NewDelivery {
  readonly eventId: string;
  readonly accountId: string;
  readonly position: string;
  readonly topic: string;
  readonly payload: string;
}

interface EndpointRow {
  id: string;
  url: string;
  topics: string;
  enabled: number;
  secrets: string;
  feed_cursor: string;
  round: number;
  created_at: number | string;
  updated_at: number | string;
}

interface DeliveryRow {
  seq: number | string;
  endpoint_id: string;
  round: number;
  event_id: string;
  account_id: string;
  position: string;
  topic: string;
  payload: string;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: number | string;
  lease_owner: string | null;
  lease_until: number | string | null;
  last_error: string | null;
  last_status: number | null;
  created_at: number | string;
  delivered_at: number | string | null;
}

// PostgreSQL returns bigint as text.
const num = (value: number | string): number => Number(value);
const numOrNull = (value: number | string | null): number | null =>
  value === null ? null : Number(value);

function toEndpoint(row: EndpointRow): StoredEndpoint {
  return {
    id: row.id,
    url: row.url,
    topics: JSON.parse(row.topics) as string[],
    enabled: Number(row.enabled) === 1,
    secrets: JSON.parse(row.secrets) as StoredWebhookSecret[],
    cursor: row.feed_cursor,
    round: Number(row.round),
    createdAt: num(row.created_at),
    updatedAt: num(row.updated_at),
  };
}

function toDelivery(row: DeliveryRow): StoredDelivery {
  return {
    seq: num(row.seq),
    endpointId: row.endpoint_id,
    round: Number(row.round),
    eventId: row.event_id,
    accountId: row.account_id,
    position: row.position,
    topic: row.topic,
    payload: row.payload,
    status: row.status,
    attempts: Number(row.attempts),
    nextAttemptAt: num(row.next_attempt_at),
    leaseOwner: row.lease_owner,
    leaseUntil: numOrNull(row.lease_until),
    lastError: row.last_error,
    lastStatus: row.last_status === null ? null : Number(row.last_status),
    createdAt: num(row.created_at),
    deliveredAt: numOrNull(row.delivered_at),
  };
}

const DELIVERY_COLUMNS = `seq, endpoint_id, round, event_id, account_id, position, topic, payload,
  status, attempts, next_attempt_at, lease_owner, lease_until, last_error, last_status,
  created_at, delivered_at`;

/**
 * The webhook tables: endpoints (with their feed cursor) and deliveries. Every method is
 * one statement or one atomic batch, so several processes on one PostgreSQL schema share
 * the work safely: a delivery is claimed with a lease by one of them at a time, and the
 * feeder moves an endpoint's cursor with a compare-and-set.
 */
export class WebhookStore {
  constructor(readonly sql: WebhookSql) {}

  async insertEndpoint(endpoint: StoredEndpoint): Promise<void> {
    await this.sql.run(
      `INSERT INTO {endpoints} (id, url, topics, enabled, secrets, feed_cursor, round, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        endpoint.id,
        endpoint.url,
        JSON.stringify(endpoint.topics),
        endpoint.enabled ? 1 : 0,
        JSON.stringify(endpoint.secrets),
        endpoint.cursor,
        endpoint.round,
        endpoint.createdAt,
        endpoint.updatedAt,
      ],
    );
  }

  async getEndpoint(id: string): Promise<StoredEndpoint | undefined> {
    const rows = await this.sql.all<EndpointRow>('SELECT * FROM {endpoints} WHERE id = $1', [id]);
    return rows[0] && toEndpoint(rows[0]);
  }

  async listEndpoints(): Promise<StoredEndpoint[]> {
    const rows = await this.sql.all<EndpointRow>(
      'SELECT * FROM {endpoints} ORDER BY created_at, id',
    );
    return rows.map(toEndpoint);
  }

  /** Changes the settings of an endpoint; false when it does not exist. */
  async updateEndpoint(
    id: string,
    change: {
      readonly url: string;
      readonly topics: readonly string[];
      readonly enabled: boolean;
      readonly secrets: readonly StoredWebhookSecret[];
    },
    now: number,
  ): Promise<boolean> {
    const changed = await this.sql.run(
      `UPDATE {endpoints} SET url = $2, topics = $3, enabled = $4, secrets = $5, updated_at = $6
       WHERE id = $1`,
      [
        id,
        change.url,
        JSON.stringify(change.topics),
        change.enabled ? 1 : 0,
        JSON.stringify(change.secrets),
        now,
      ],
    );
    return changed > 0;
  }

  /** Removes an endpoint and every delivery it had; false when it did not exist. */
  deleteEndpoint(id: string): Promise<boolean> {
    return this.sql.atomic([
      { sql: 'DELETE FROM {endpoints} WHERE id = $1', params: [id], mustChange: true },
      { sql: 'DELETE FROM {deliveries} WHERE endpoint_id = $1', params: [id] },
    ]);
  }

  /**
   * Records the deliveries for the events between the endpoint's cursor `from` and `to`
   * and moves the cursor, atomically; false (nothing written) when another process moved
   * the cursor first or the endpoint was replayed or deleted meanwhile.
   */
  feed(
    endpoint: StoredEndpoint,
    to: string,
    deliveries: readonly NewDelivery[],
    now: number,
  ): Promise<boolean> {
    return this.sql.atomic([
      {
        sql: `UPDATE {endpoints} SET feed_cursor = $3 WHERE id = $1 AND feed_cursor = $2 AND round = $4`,
        params: [endpoint.id, endpoint.cursor, to, endpoint.round],
        mustChange: true,
      },
      ...deliveries.map((d) => ({
        sql: `INSERT INTO {deliveries} (endpoint_id, round, event_id, account_id, position, topic,
                payload, status, attempts, next_attempt_at, created_at)
              VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', 0, $8, $8)`,
        params: [
          endpoint.id,
          endpoint.round,
          d.eventId,
          d.accountId,
          d.position,
          d.topic,
          d.payload,
          now,
        ],
      })),
    ]);
  }

  /**
   * Starts the endpoint over from a global position: the feeder delivers every event
   * after it again, under a new round (deliveries still owed from before stay owed).
   */
  async replay(id: string, from: string, now: number): Promise<boolean> {
    const changed = await this.sql.run(
      `UPDATE {endpoints} SET feed_cursor = $2, round = round + 1, updated_at = $3 WHERE id = $1`,
      [id, from, now],
    );
    return changed > 0;
  }

  /**
   * Leases up to `limit` due deliveries of enabled endpoints to `owner` until
   * `leaseUntil`. Only the oldest undelivered delivery of each endpoint and account is
   * due (per-account order); a delivery whose lease ran out (its process died
   * mid-delivery) is due again. On PostgreSQL rows another process is claiming are
   * skipped (SKIP LOCKED) and re-checked once locked, so no delivery is leased twice.
   */
  async claim(
    owner: string,
    now: number,
    leaseUntil: number,
    limit: number,
  ): Promise<StoredDelivery[]> {
    const lock = this.sql.dialect === 'postgres' ? 'FOR UPDATE OF d SKIP LOCKED' : '';
    const rows = await this.sql.all<DeliveryRow>(
      `UPDATE {deliveries} SET lease_owner = $1, lease_until = $2
       WHERE seq IN (
         SELECT d.seq FROM {deliveries} d
         WHERE d.status = 'pending' AND d.next_attempt_at <= $3
           AND (d.lease_until IS NULL OR d.lease_until <= $3)
           AND EXISTS (SELECT 1 FROM {endpoints} e WHERE e.id = d.endpoint_id AND e.enabled = 1)
           AND NOT EXISTS (
             SELECT 1 FROM {deliveries} p
             WHERE p.endpoint_id = d.endpoint_id AND p.account_id = d.account_id
               AND p.status = 'pending' AND p.seq < d.seq)
         ORDER BY d.seq LIMIT $4 ${lock})
       RETURNING ${DELIVERY_COLUMNS}`,
      [owner, leaseUntil, now, limit],
    );
    return rows.map(toDelivery).sort((a, b) => a.seq - b.seq);
  }

  /** Marks a leased delivery delivered; false when the lease was lost meanwhile. */
  async delivered(d: StoredDelivery, owner: string, status: number, now: number): Promise<boolean> {
    const changed = await this.sql.run(
      `UPDATE {deliveries} SET status = 'delivered', attempts = attempts + 1, last_status = $3,
         last_error = NULL, delivered_at = $4, lease_owner = NULL, lease_until = NULL
       WHERE seq = $1 AND lease_owner = $2 AND status = 'pending'`,
      [d.seq, owner, status, now],
    );
    return changed > 0;
  }

  /** Records a failed attempt: due again at `nextAttemptAt`, or dead-lettered when null. */
  async failed(
    d: StoredDelivery,
    owner: string,
    outcome: { readonly status: number | null; readonly error: string },
    nextAttemptAt: number | null,
  ): Promise<boolean> {
    const changed = await this.sql.run(
      `UPDATE {deliveries} SET attempts = attempts + 1, last_status = $3, last_error = $4,
         status = $5, next_attempt_at = $6, lease_owner = NULL, lease_until = NULL
       WHERE seq = $1 AND lease_owner = $2 AND status = 'pending'`,
      [
        d.seq,
        owner,
        outcome.status,
        outcome.error.slice(0, 500),
        nextAttemptAt === null ? 'dead' : 'pending',
        nextAttemptAt ?? d.nextAttemptAt,
      ],
    );
    return changed > 0;
  }

  async getDelivery(endpointId: string, seq: number): Promise<StoredDelivery | undefined> {
    const rows = await this.sql.all<DeliveryRow>(
      `SELECT ${DELIVERY_COLUMNS} FROM {deliveries} WHERE endpoint_id = $1 AND seq = $2`,
      [endpointId, seq],
    );
    return rows[0] && toDelivery(rows[0]);
  }

  /** An endpoint's deliveries, newest first, optionally of one status, paged by `before` (a seq). */
  async listDeliveries(
    endpointId: string,
    options: { status?: DeliveryStatus; before?: number; limit: number },
  ): Promise<StoredDelivery[]> {
    const rows = await this.sql.all<DeliveryRow>(
      `SELECT ${DELIVERY_COLUMNS} FROM {deliveries}
       WHERE endpoint_id = $1 AND ($2 = '' OR status = $2) AND seq < $3
       ORDER BY seq DESC LIMIT $4`,
      [endpointId, options.status ?? '', options.before ?? Number.MAX_SAFE_INTEGER, options.limit],
    );
    return rows.map(toDelivery);
  }

  /**
   * Puts dead letters back in the queue, due now, with a fresh attempt budget: one
   * (`seq`) or all of the endpoint's. Returns how many.
   */
  resend(endpointId: string, now: number, seq?: number): Promise<number> {
    return this.sql.run(
      `UPDATE {deliveries} SET status = 'pending', attempts = 0, next_attempt_at = $2,
         created_at = $2, lease_owner = NULL, lease_until = NULL
       WHERE endpoint_id = $1 AND status = 'dead' AND ($3 < 0 OR seq = $3)`,
      [endpointId, now, seq ?? -1],
    );
  }
}
