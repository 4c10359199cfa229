import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '@account-ops/engine';
import type { RecordStore } from '@account-ops/event-store';
import type { AuthorizationSecrets } from './oidc-relying-party';

/** One sign-in between `/auth/login` and `/auth/callback`. */
export interface PendingSignIn extends AuthorizationSecrets {
  /** The console path to return to afterwards. */
  readonly returnTo: string;
  /** A step-up of the session with this cookie value's hash, rather than a new session. */
  readonly stepUpOf?: string;
  readonly startedAt: string;
}

const COLLECTION = 'console_sign_ins';
/** Time allowed at the provider's login page. */
const PENDING_MS = 10 * 60_000;

const keyOf = (binding: string) => createHash('sha256').update(binding, 'utf8').digest('hex');

/**
 * Sign-ins in progress, in the store's records (the callback may reach another process
 * than the login did). Each is bound to the browser that started it by a random value in a
 * short-lived cookie (only its hash is stored), so a callback URL replayed or sent to
 * someone else finds nothing; each is taken once.
 */
export class PendingSignIns {
  constructor(
    private readonly records: RecordStore,
    private readonly clock: Clock,
  ) {}

  /** Remembers the sign-in; returns the binding value for the browser's cookie. */
  async start(pending: Omit<PendingSignIn, 'startedAt'>): Promise<string> {
    const binding = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    await this.records.writeRecords([
      {
        op: 'insert',
        collection: COLLECTION,
        key: keyOf(binding),
        value: { ...pending, startedAt: now.toISOString() },
        sortKey: new Date(now.getTime() + PENDING_MS).toISOString(),
        confidential: true,
      },
    ]);
    await this.sweep(now);
    return binding;
  }

  /** The sign-in this browser started (and it is forgotten), or undefined. */
  async take(binding: string): Promise<PendingSignIn | undefined> {
    const key = keyOf(binding);
    const record = await this.records.getRecord(COLLECTION, key);
    if (!record) return undefined;
    await this.records.writeRecords([
      { op: 'delete', collection: COLLECTION, key, confidential: true },
    ]);
    const pending = record.value as unknown as PendingSignIn;
    const age = this.clock.now().getTime() - Date.parse(pending.startedAt);
    return age >= 0 && age < PENDING_MS ? pending : undefined;
  }

  /** Abandoned sign-ins (the person never came back) are removed. */
  private async sweep(now: Date): Promise<void> {
    const stale = await this.records.listRecords(COLLECTION, {
      sortKeyAtMost: now.toISOString(),
      limit: 100,
    });
    if (stale.length === 0) return;
    await this.records.writeRecords(
      stale.map((r) => ({ op: 'delete' as const, collection: COLLECTION, key: r.key })),
    );
  }
}
