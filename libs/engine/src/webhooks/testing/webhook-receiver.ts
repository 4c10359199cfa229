import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** What the receiver does with one request. */
export type ReceiverReply = 'ok' | 'fail' | 'hang' | 'drop' | 'redirect';

export interface ReceivedWebhook {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly reply: ReceiverReply;
}

/**
 * A real HTTP receiver on 127.0.0.1 for the tests: it records every request and answers
 * as told (200, 500, never, a dropped connection, a redirect), one script entry per
 * request, then `otherwise`.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  private script: ReceiverReply[] = [];
  otherwise: ReceiverReply = 'ok';
  private readonly sockets = new Set<Socket>();
  private waiters: { count: number; resolve: () => void }[] = [];
  private server: Server | undefined;

  static async start(): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver();
    await receiver.listen();
    return receiver;
  }

  get url(): string {
    const { port } = this.server!.address() as AddressInfo;
    return `http://127.0.0.1:${port}/hooks`;
  }

  /** The next requests' replies, in order. */
  next(...replies: ReceiverReply[]): this {
    this.script.push(...replies);
    return this;
  }

  /** Requests answered 2xx. */
  accepted(): ReceivedWebhook[] {
    return this.received.filter((r) => r.reply === 'ok');
  }

  /** Resolves once `count` requests were answered 2xx (no polling, no sleeps). */
  acceptedCount(count: number): Promise<void> {
    if (this.accepted().length >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ count, resolve }));
  }

  private listen(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const reply = this.script.shift() ?? this.otherwise;
        this.received.push({ headers: req.headers, body: Buffer.concat(chunks).toString(), reply });
        if (reply === 'ok') {
          res.end('{"thanks":true}');
          const accepted = this.accepted().length;
          const [done, waiting] = partition(this.waiters, (w) => w.count <= accepted);
          this.waiters = waiting;
          for (const waiter of done) waiter.resolve();
        }
        if (reply === 'fail') res.writeHead(500).end('private stack trace');
        else if (reply === 'redirect') res.writeHead(302, { location: 'http://10.0.0.1/' }).end();
        else if (reply === 'drop') req.socket.destroy();
        // 'hang': never answers; the sender's timeout ends it.
      });
    });
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    return new Promise((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

function partition<T>(items: readonly T[], test: (item: T) => boolean): [T[], T[]] {
  return [items.filter(test), items.filter((item) => !test(item))];
}
