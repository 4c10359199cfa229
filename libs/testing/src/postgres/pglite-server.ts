import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketHandler, type PGLiteSocketHandlerOptions } from '@electric-sql/pglite-socket';
import { type AddressInfo, createServer, type Server } from 'node:net';
import { SessionQueue } from './session-queue';

/** An in-process PostgreSQL (PGlite) listening on a loopback port. */
export interface PgliteServer {
  /** `postgres://postgres@127.0.0.1:<port>/postgres`: trust auth, no TLS. */
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * Starts an in-memory PGlite behind a TCP socket on a free loopback port, so tests use the
 * same `pg` driver code path as against a real server.
 *
 * Built from pglite-socket's `PGLiteSocketHandler` (one per connection) rather than its
 * `PGLiteSocketServer`, to plug in {@link SessionQueue}: the server's own queue lets pooled
 * connections interleave extended-protocol messages. PGlite still runs one transaction at a
 * time: a connection inside a transaction holds every other connection back until it ends.
 */
export async function startPgliteServer(): Promise<PgliteServer> {
  const db = await PGlite.create();
  const queue = new SessionQueue(db);
  const handlers = new Set<PGLiteSocketHandler>();
  const server = createServer((socket) => {
    const handler = new PGLiteSocketHandler({
      // Same methods as the package's (unexported) queue class; see SessionQueue.
      queryQueue: queue as unknown as PGLiteSocketHandlerOptions['queryQueue'],
      closeOnDetach: true,
    });
    handlers.add(handler);
    const forget = (): boolean => handlers.delete(handler);
    handler.addEventListener('close', forget);
    handler.addEventListener('error', forget);
    handler.attach(socket).catch(() => socket.destroy());
  });
  await listen(server);
  const { port } = server.address() as AddressInfo;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      await Promise.all([...handlers].map((handler) => handler.detach(true)));
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
    },
  };
}

function listen(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}
