import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from '@account-ops/engine';
import type { JsonValue, RecordStore } from '@account-ops/event-store';
import type { ProviderTokens } from './oidc-relying-party';
import type { SessionPerson } from './person-verifier';

/** How long a console session lives (settings `console.session.*`). */
export interface SessionTimeouts {
  /** Ends after this long without a request (PCI DSS 8.2.8: 15 minutes). */
  readonly idleMinutes: number;
  /** Ends this long after sign-in, however active. */
  readonly absoluteHours: number;
}

export const DEFAULT_SESSION_TIMEOUTS: SessionTimeouts = { idleMinutes: 15, absoluteHours: 12 };

/** A live session: what the guard and the sign-in routes need. Tokens never leave the server. */
export interface ConsoleSession {
  /**
   * Who signed in, as the bearer-token verifier judged the access token at sign-in (or at
   * the last step-up). The session, bounded by its timeouts, is the credential from then
   * on: the access token may expire long before the session does.
   */
  readonly person: SessionPerson;
  readonly accessToken: string;
  readonly idToken: string;
  /** Sent by the console in `X-CSRF-Token` on every unsafe request. */
  readonly csrfToken: string;
  readonly createdAt: string;
  readonly lastSeenAt: string;
  /** When it ends if nothing else happens: the earlier of idle and absolute. */
  readonly expiresAt: string;
}

/** Why a presented session cookie found no session. */
export type SessionEnd = 'unknown' | 'idle' | 'absolute';

interface Stored {
  person: SessionPerson;
  accessToken: string;
  idToken: string;
  csrfToken: string;
  createdAt: string;
  lastSeenAt: string;
}

const COLLECTION = 'console_sessions';
const MINUTE = 60_000;

/** Records are keyed by the id's SHA-256: a read of the table yields no usable cookie. */
export const sessionKeyOf = (sessionId: string) =>
  createHash('sha256').update(sessionId, 'utf8').digest('hex');
const keyOf = sessionKeyOf;
const newSecret = () => randomBytes(32).toString('base64url');

/**
 * Console sessions (backend-for-frontend) kept in the store's records, so every API
 * process on the same store knows every session: sign in on one, call another, sign out
 * on a third. The browser holds only the session id (an httpOnly cookie). Idle and
 * absolute timeouts are checked on each lookup with the injected clock; last use is
 * written at most once a minute (not on every request).
 */
export class ConsoleSessions {
  constructor(
    private readonly records: RecordStore,
    private readonly clock: Clock,
    private readonly timeouts: SessionTimeouts = DEFAULT_SESSION_TIMEOUTS,
  ) {}

  /** A new session for these tokens; returns its id (the cookie's value) and the session. */
  async create(
    tokens: ProviderTokens,
    person: SessionPerson,
  ): Promise<{ id: string; session: ConsoleSession }> {
    const id = newSecret();
    const now = this.clock.now().toISOString();
    const stored: Stored = {
      ...tokens,
      person,
      csrfToken: newSecret(),
      createdAt: now,
      lastSeenAt: now,
    };
    await this.records.writeRecords([this.write('insert', id, stored)]);
    await this.sweep();
    return { id, session: this.view(stored) };
  }

  /**
   * Removes sessions past their absolute end (the sort key) that nobody came back to; an
   * idle one is removed when it is next presented or, at the latest, then. Runs at each
   * sign-in, a page at a time.
   */
  async sweep(): Promise<number> {
    const over = await this.records.listRecords(COLLECTION, {
      sortKeyAtMost: this.clock.now().toISOString(),
      limit: 100,
    });
    if (over.length > 0) {
      await this.records.writeRecords(
        over.map((r) => ({
          op: 'delete' as const,
          collection: COLLECTION,
          key: r.key,
          confidential: true,
        })),
      );
    }
    return over.length;
  }

  /** The live session behind a cookie, or why there is none (an ended one is removed). */
  async resolve(id: string): Promise<{ session: ConsoleSession } | { ended: SessionEnd }> {
    const record = await this.records.getRecord(COLLECTION, keyOf(id));
    if (!record) return { ended: 'unknown' };
    const stored = record.value as unknown as Stored;
    const now = this.clock.now().getTime();
    const ended = this.endOf(stored, now);
    if (ended) {
      await this.destroy(id);
      return { ended };
    }
    if (now - Date.parse(stored.lastSeenAt) >= Math.min(MINUTE, this.idleMs / 10)) {
      stored.lastSeenAt = new Date(now).toISOString();
      await this.records.writeRecords([this.write('update', id, stored)]);
    }
    return { session: this.view(stored) };
  }

  /**
   * After a step-up at the provider: the fresh tokens replace the old ones in the session
   * stored under `key` ({@link sessionKeyOf} its id); false when it has ended meanwhile.
   */
  async replaceTokens(
    key: string,
    tokens: ProviderTokens,
    person: SessionPerson,
  ): Promise<ConsoleSession | undefined> {
    const record = await this.records.getRecord(COLLECTION, key);
    if (!record) return undefined;
    const stored = record.value as unknown as Stored;
    const now = this.clock.now().getTime();
    if (this.endOf(stored, now)) return undefined;
    const next: Stored = {
      ...stored,
      ...tokens,
      person,
      lastSeenAt: new Date(now).toISOString(),
    };
    await this.records.writeRecords([this.writeAt('update', key, next)]);
    return this.view(next);
  }

  /** The stored session under `key`, ended or not (the step-up compares who it was). */
  async peek(key: string): Promise<ConsoleSession | undefined> {
    const record = await this.records.getRecord(COLLECTION, key);
    return record ? this.view(record.value as unknown as Stored) : undefined;
  }

  async destroy(id: string): Promise<void> {
    await this.records.writeRecords([
      { op: 'delete', collection: COLLECTION, key: keyOf(id), confidential: true },
    ]);
  }

  /** Whether `presented` is the session's CSRF token (constant time). */
  static csrfMatches(session: ConsoleSession, presented: string | undefined): boolean {
    if (presented === undefined) return false;
    const a = Buffer.from(session.csrfToken);
    const b = Buffer.from(presented);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  private get idleMs(): number {
    return this.timeouts.idleMinutes * MINUTE;
  }

  private get absoluteMs(): number {
    return this.timeouts.absoluteHours * 60 * MINUTE;
  }

  private endOf(stored: Stored, now: number): SessionEnd | undefined {
    if (now >= Date.parse(stored.createdAt) + this.absoluteMs) return 'absolute';
    if (now >= Date.parse(stored.lastSeenAt) + this.idleMs) return 'idle';
    return undefined;
  }

  private view(stored: Stored): ConsoleSession {
    const expiresAt = Math.min(
      Date.parse(stored.createdAt) + this.absoluteMs,
      Date.parse(stored.lastSeenAt) + this.idleMs,
    );
    return {
      person: stored.person,
      accessToken: stored.accessToken,
      idToken: stored.idToken,
      csrfToken: stored.csrfToken,
      createdAt: stored.createdAt,
      lastSeenAt: stored.lastSeenAt,
      expiresAt: new Date(expiresAt).toISOString(),
    };
  }

  private write(op: 'insert' | 'update', id: string, stored: Stored) {
    return this.writeAt(op, keyOf(id), stored);
  }

  private writeAt(op: 'insert' | 'update', key: string, stored: Stored) {
    // The sort key is the absolute end: a sweep can list what is over without reading all.
    const end = new Date(Date.parse(stored.createdAt) + this.absoluteMs).toISOString();
    return {
      op,
      collection: COLLECTION,
      key,
      value: JSON.parse(JSON.stringify(stored)) as JsonValue,
      sortKey: end,
      confidential: true,
    } as const;
  }
}
