import type { EventStore } from '../port/event-store';

/** What the contract suite needs from an adapter under test. */
export interface ContractHarness {
  readonly store: EventStore;
  /** Changes one byte of an event's stored data behind the store's back. */
  tamperData(streamId: string, version: number): Promise<void>;
  dispose(): Promise<void>;
}

export interface HarnessOptions {
  /** The store's clock (fills `occurredAt` when the caller leaves it out). */
  readonly now: () => Date;
}

export type HarnessFactory = (options: HarnessOptions) => Promise<ContractHarness>;

/**
 * A rule of the suite an adapter cannot keep, with the reason (shown in the skipped test's
 * name, so a run never passes it silently):
 * - `records`: the store keeps no records (not a TransactionalEventStore);
 * - `tamperData`: stored events cannot be changed behind the store's back;
 * - `uniqueEventIds`: an event id stored before is not refused with DuplicateEventId.
 */
export type ContractCapability = 'records' | 'tamperData' | 'uniqueEventIds';

export interface ContractOptions {
  readonly unsupported?: Partial<Record<ContractCapability, string>>;
}

/** `it`, or `it.skip` with the reason appended to the test's name. */
export function itUnless(
  reason: string | undefined,
): (name: string, fn: () => Promise<void>) => void {
  return reason === undefined ? it : (name, fn) => it.skip(`${name} — skipped: ${reason}`, fn);
}
