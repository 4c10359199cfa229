import { loadPg } from '@account-ops/event-store';
import type { Client, ClientConfig } from 'pg';

/** A held session lock: who runs a projection, or who rebuilds it. */
export interface HeldLock {
  release(): Promise<void>;
}

/**
 * Session-level advisory locks, all held on one connection of their own (not from the
 * pool, which they would drain: a projector holds one lock per projection for hours).
 * If the process dies the server ends the session and frees them. Correctness never
 * rests on these locks — batches re-read the checkpoint under a transaction lock — they
 * only keep two processes from doing the same work.
 */
export class SessionLocks {
  private client: Promise<Client> | undefined;
  private readonly held = new Set<string>();
  /** One query at a time on the shared connection (pg queues them, but deprecates that). */
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly config: ClientConfig) {}

  /** Takes the lock if no session, this one included, holds it. */
  async try(key: string): Promise<HeldLock | undefined> {
    if (this.held.has(key)) return undefined;
    this.held.add(key);
    try {
      const { rows } = await this.serially((client) =>
        client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS locked', [
          key,
        ]),
      );
      if (rows[0]?.locked) return { release: () => this.release(key) };
    } catch (error) {
      this.held.delete(key);
      throw error;
    }
    this.held.delete(key);
    return undefined;
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.held.clear();
    if (client) await (await client).end().catch(() => undefined);
  }

  private async release(key: string): Promise<void> {
    if (!this.held.delete(key) || !this.client) return;
    await this.serially((client) =>
      client.query('SELECT pg_advisory_unlock($1::bigint)', [key]),
    ).catch(() => undefined);
  }

  private serially<T>(work: (client: Client) => Promise<T>): Promise<T> {
    const run = this.tail.then(async () => work(await this.connection()));
    this.tail = run.catch(() => undefined);
    return run;
  }

  private connection(): Promise<Client> {
    if (!this.client) {
      const client = new (loadPg().Client)(this.config);
      // A lost connection loses its locks: forget them, reconnect on the next try.
      client.on('error', () => {
        this.client = undefined;
        this.held.clear();
      });
      this.client = client.connect().then(() => client);
      this.client.catch(() => {
        this.client = undefined;
      });
    }
    return this.client;
  }
}
