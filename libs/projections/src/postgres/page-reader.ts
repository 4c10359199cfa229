import {
  comparePositions,
  type EventStore,
  type Position,
  type RecordedEvent,
} from '@account-ops/event-store';

/**
 * Reads `readAll` pages one ahead: once a full page arrives, the next one is requested
 * while the caller works on this one, so a rebuild's CPU work and the store's round trip
 * overlap. A page asked for from anywhere else is read afresh.
 */
export class PageReader {
  private ahead: { from: Position; size: number; page: Promise<RecordedEvent[]> } | undefined;

  constructor(private readonly events: EventStore) {}

  async read(from: Position, size: number): Promise<RecordedEvent[]> {
    const ahead = this.ahead;
    this.ahead = undefined;
    const page =
      ahead && ahead.size === size && comparePositions(ahead.from, from) === 0
        ? await ahead.page
        : await this.events.readAll({ fromPosition: from, maxCount: size });
    const last = page[page.length - 1];
    if (last && page.length === size) {
      const next = this.events.readAll({ fromPosition: last.globalPosition, maxCount: size });
      // Nobody may ever await it (the rebuild stopped): its failure is not unhandled;
      // whoever does await it still gets the error.
      next.catch(() => undefined);
      this.ahead = { from: last.globalPosition, size, page: next };
    }
    return page;
  }
}
