import {
  type AppendExpectedRevision,
  type EventData,
  MaxAppendSizeExceededError,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { type EventStoreDbDriver, eventStoreDbClient } from '../clients/eventstore-db-client';
import type { FakeClientShape } from './fake-client-shape';
import { FakeDriver } from './fake-driver';
import type { FakeEsdbServer } from './fake-esdb-server';

/** The fake server as `@eventstore/db-client` v6 presents it: its option names, its errors. */
export class FakeEventStoreDbDriver extends FakeDriver implements EventStoreDbDriver {
  constructor(server: FakeEsdbServer) {
    super(server, { WrongExpectedVersionError, MaxAppendSizeExceededError, StreamNotFoundError });
  }

  appendToStream(
    streamName: string,
    events: EventData[],
    options: { expectedRevision: AppendExpectedRevision },
  ) {
    return this.write(streamName, events, options.expectedRevision);
  }
}

/** The adapter on the fake through the `@eventstore/db-client` wrapper (esdb:// URLs). */
export const EVENTSTOREDB_SHAPE: FakeClientShape = {
  kind: 'eventstoredb',
  open(server) {
    const driver = new FakeEventStoreDbDriver(server);
    return { driver, client: eventStoreDbClient(driver) };
  },
};
