// #region events
import { EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import { AccountEventRecorded } from '@account-ops/engine';

/** In-process, after commit: a crash between commit and publish loses the publication, not the event. */
@EventsHandler(AccountEventRecorded)
export class RefundWatcher implements IEventHandler<AccountEventRecorded> {
  readonly approved: string[] = [];

  handle({ event }: AccountEventRecorded): void {
    // `event` is the stored record: type, stream, version, position, and its data as JSON.
    if (event.type === 'RefundApproved') {
      this.approved.push((event.data as { refundId: string }).refundId);
    }
  }
}
// #endregion events
