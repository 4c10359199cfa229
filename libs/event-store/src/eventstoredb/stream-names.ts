import { InvalidEventStoreInput } from '../port/errors';
import type { EsdbStreamFilter } from './esdb-client';

/** Matches every stream outside EventStoreDB's own (`$…`: settings, stats, projections). */
export const NON_SYSTEM_STREAMS = '^[^$]';

/**
 * Which EventStoreDB streams are ours, and how our stream ids map to them.
 *
 * EventStoreDB's `$all` holds every stream on the server: its system streams (`$…`, and
 * `$$…` stream metadata), the projections' link streams, and possibly other applications'.
 * readAll, subscribeToAll and headPosition must see only ours, so they filter by stream
 * name: server-side for subscriptions, client-side for reads (client v6 sends readAll
 * without a filter; the KurrentDB client is read the same way).
 */
export class EsdbStreamNames {
  /** Stream-name prefixes on the server; `''` alone means every non-system stream. */
  readonly serverPrefixes: readonly string[];

  /**
   * @param namespace prepended to every stream id on the server and removed on read, so
   *   several stores (tests, environments) can share one server without seeing each other.
   * @param streamPrefixes the stream ids (before the namespace) this store reads and
   *   writes; absent: all.
   */
  constructor(
    readonly namespace = '',
    readonly streamPrefixes: readonly string[] = [''],
  ) {
    for (const value of [namespace, ...streamPrefixes]) {
      if (value.startsWith('$')) {
        throw new Error(`EventStoreDB namespace or stream prefix "${value}" names system streams`);
      }
    }
    if (streamPrefixes.length === 0) throw new Error('streamPrefixes must not be empty');
    this.serverPrefixes = streamPrefixes.map((prefix) => namespace + prefix);
  }

  /** The server's name for one of our streams, to read it. */
  toServer(streamId: string): string {
    const name = this.namespace + streamId;
    // Without a namespace, `$x` would address a system stream (or `$$x` stream metadata).
    if (name.startsWith('$')) {
      throw new InvalidEventStoreInput(
        'streamId must not start with "$" on EventStoreDB (system streams)',
        'streamId',
      );
    }
    return name;
  }

  /**
   * The server's name for one of our streams, to append to it. Refuses a stream outside
   * `streamPrefixes`: readAll and subscriptions would never deliver its events.
   */
  toServerForAppend(streamId: string): string {
    const name = this.toServer(streamId);
    if (!this.isOurs(name)) {
      throw new InvalidEventStoreInput(
        `streamId must start with one of ${JSON.stringify(this.streamPrefixes)}`,
        'streamId',
      );
    }
    return name;
  }

  /** True for a server stream this store reads through readAll and subscriptions. */
  isOurs(serverName: string): boolean {
    return (
      !serverName.startsWith('$') &&
      this.serverPrefixes.some((prefix) => serverName.startsWith(prefix))
    );
  }

  /** Our stream id for one of our server streams. */
  fromServer(serverName: string): string {
    return serverName.slice(this.namespace.length);
  }

  /** The server-side filter for subscribeToAll: our prefixes, or every non-system stream. */
  filter(): EsdbStreamFilter {
    return this.serverPrefixes.includes('')
      ? { regex: NON_SYSTEM_STREAMS }
      : { prefixes: [...this.serverPrefixes] };
  }
}
