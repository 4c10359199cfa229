import {
  type AppendStreamState,
  type EventData,
  MaxAppendSizeExceededError,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '@kurrent/kurrentdb-client';
import { type KurrentDbDriver, kurrentDbClient } from '../clients/kurrentdb-client';
import type { FakeClientShape } from './fake-client-shape';
import { FakeDriver } from './fake-driver';
import type { FakeEsdbServer } from './fake-esdb-server';

/** The fake server as `@kurrent/kurrentdb-client` presents it: `streamState`, its errors. */
export class FakeKurrentDbDriver extends FakeDriver implements KurrentDbDriver {
  constructor(server: FakeEsdbServer) {
    super(server, { WrongExpectedVersionError, MaxAppendSizeExceededError, StreamNotFoundError });
  }

  appendToStream(
    streamName: string,
    events: EventData[],
    options: { streamState: AppendStreamState },
  ) {
    return this.write(streamName, events, options.streamState);
  }
}

/** The adapter on the fake through the `@kurrent/kurrentdb-client` wrapper (kurrentdb:// URLs). */
export const KURRENTDB_SHAPE: FakeClientShape = {
  kind: 'kurrentdb',
  open(server) {
    const driver = new FakeKurrentDbDriver(server);
    return { driver, client: kurrentDbClient(driver) };
  },
};
