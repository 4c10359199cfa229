import type {
  EsdbAllResolvedEvent,
  EsdbAppendOptions,
  EsdbClient,
  EsdbEventData,
  EsdbReadAllOptions,
  EsdbReadStreamOptions,
  EsdbResolvedEvent,
  EsdbSubscribeOptions,
  EsdbSubscriptionHandle,
} from '../esdb-client';
import type { FakeClientShape } from './fake-client-shape';
import type { FakeDriver } from './fake-driver';
import { FakeEsdbServer } from './fake-esdb-server';
import { EVENTSTOREDB_SHAPE } from './fake-eventstoredb-driver';

export { FakeEsdbServer, FakeSubscription } from './fake-esdb-server';
export type { FakeClientShape } from './fake-client-shape';

/**
 * A client of a {@link FakeEsdbServer} as the adapter sees it: the real wrapper of one npm
 * client (by default `@eventstore/db-client`) over a fake driver in that client's shape,
 * so that option names and error translation are exercised too. Several may share one
 * server (other processes). What the driver recorded is readable here.
 */
export class FakeEsdbClient implements EsdbClient {
  readonly driver: FakeDriver;
  private readonly seam: EsdbClient;

  constructor(
    readonly server: FakeEsdbServer = new FakeEsdbServer(),
    readonly shape: FakeClientShape = EVENTSTOREDB_SHAPE,
  ) {
    const { driver, client } = shape.open(server);
    this.driver = driver;
    this.seam = client;
  }

  get appendCalls(): FakeDriver['appendCalls'] {
    return this.driver.appendCalls;
  }
  get subscribeCalls(): FakeDriver['subscribeCalls'] {
    return this.driver.subscribeCalls;
  }
  get subscriptions(): FakeDriver['subscriptions'] {
    return this.driver.subscriptions;
  }
  get disposed(): boolean {
    return this.driver.disposed;
  }
  /** Runs between the adapter's tip read and its write: another process appending. */
  get beforeAppend(): FakeDriver['beforeAppend'] {
    return this.driver.beforeAppend;
  }
  set beforeAppend(hook: FakeDriver['beforeAppend']) {
    this.driver.beforeAppend = hook;
  }

  appendToStream(
    streamName: string,
    events: readonly EsdbEventData[],
    options: EsdbAppendOptions,
  ): Promise<{ readonly nextExpectedRevision: bigint }> {
    return this.seam.appendToStream(streamName, events, options);
  }
  readStream(streamName: string, options: EsdbReadStreamOptions): AsyncIterable<EsdbResolvedEvent> {
    return this.seam.readStream(streamName, options);
  }
  readAll(options: EsdbReadAllOptions): AsyncIterable<EsdbAllResolvedEvent> {
    return this.seam.readAll(options);
  }
  subscribeToAll(options: EsdbSubscribeOptions): EsdbSubscriptionHandle {
    return this.seam.subscribeToAll(options);
  }
  dispose(): Promise<void> {
    return this.seam.dispose();
  }
}
