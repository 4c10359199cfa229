import type { Provider } from '@nestjs/common';
import type { Clock } from '@account-ops/engine';
import { AccessLog, type TransactionalEventStore } from '@account-ops/event-store';
import { API_CLOCK, EVENT_STORE } from '../app/tokens';

/** The read-access log (an AccessLog over the API's store, stamped by the API's clock). */
export const ACCESS_LOG = Symbol('ACCESS_LOG');

export const accessLogProvider: Provider = {
  provide: ACCESS_LOG,
  useFactory: (store: TransactionalEventStore, clock: Clock) =>
    new AccessLog(store, { now: () => clock.now() }),
  inject: [EVENT_STORE, API_CLOCK],
};
