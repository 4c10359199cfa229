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
