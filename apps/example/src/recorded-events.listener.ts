import { EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import { AccountEventRecorded } from '@account-ops/engine';

/** How a backend team reacts to committed account events (here: keeps the last few). */
@EventsHandler(AccountEventRecorded)
export class RecordedEventsListener implements IEventHandler<AccountEventRecorded> {
  readonly seen: string[] = [];

  handle(recorded: AccountEventRecorded): void {
    this.seen.push(`${recorded.event.streamId}#${recorded.event.version} ${recorded.type}`);
  }
}
