import type { IEvent } from '@nestjs/cqrs';
import type { RecordedEvent } from '@account-ops/event-store';

/**
 * Published on the EventBus after each commit, once per stored event (commands and fired
 * deadlines alike). Subscribe with `@EventsHandler(AccountEventRecorded)`. Delivery is
 * in-process and after commit: use projections or the outbox for anything that must not
 * be missed across a crash.
 */
export class AccountEventRecorded implements IEvent {
  constructor(readonly event: RecordedEvent) {}

  get type(): string {
    return this.event.type;
  }
}
