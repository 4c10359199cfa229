import type { Client, ClientConfig } from 'pg';
import { loadPg } from '../drivers/store-drivers';

/**
 * A dedicated connection that LISTENs on the store's channel and calls `onNotify` for
 * every notification, so appends committed by other processes wake local subscribers at
 * once. It sits outside the pool because it is held for the store's lifetime. If the
 * connection drops it reconnects after `retryMs` and wakes subscribers once, since
 * notifications sent meanwhile are lost (the subscribers' poll interval covers the gap).
 */
export class NotificationListener {
  private client: Client | undefined;
  private retry: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly config: ClientConfig,
    private readonly channel: string,
    private readonly onNotify: () => void,
    private readonly retryMs: number,
  ) {}

  /** Connects and LISTENs; rejects if the first attempt fails. */
  start(): Promise<void> {
    return this.connect();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new (loadPg().Client)(this.config);
    const lost = (): void => this.lost(client);
    client.on('error', lost);
    client.on('end', lost);
    client.on('notification', () => this.onNotify());
    try {
      await client.connect();
      // The channel name is ours (notifyChannel): an identifier with no double quotes.
      await client.query(`LISTEN "${this.channel}"`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.closed) await client.end().catch(() => undefined);
    else this.client = client;
  }

  private lost(client: Client): void {
    if (this.client !== client) return;
    this.client = undefined;
    void client.end().catch(() => undefined);
    this.reconnectLater();
  }

  private reconnectLater(): void {
    if (this.closed || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      this.connect().then(
        () => this.onNotify(),
        () => this.reconnectLater(),
      );
    }, this.retryMs);
    this.retry.unref();
  }
}
