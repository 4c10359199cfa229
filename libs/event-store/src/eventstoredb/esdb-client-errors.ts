import type { EsdbCurrentRevision } from './esdb-client';

// The errors of the client seam (see esdb-client.ts): each wrapper turns its client's
// error classes into these, so that the adapter checks one set whichever client runs.

/** The stream was not at the expected revision; nothing was written. */
export class EsdbRevisionConflict extends Error {
  constructor(
    readonly streamName: string,
    /** NO_STREAM, or the revision of the stream's last event. */
    readonly current: EsdbCurrentRevision,
    options?: ErrorOptions,
  ) {
    super(`EventStoreDB stream ${streamName} is at revision ${String(current)}`, options);
    this.name = 'EsdbRevisionConflict';
  }
}

/** The events exceed the server's maximum append size; nothing was written. */
export class EsdbAppendTooLarge extends Error {
  constructor(
    readonly maxAppendSize: number,
    options?: ErrorOptions,
  ) {
    super(`events exceed the server's maximum append size (${maxAppendSize} bytes)`, options);
    this.name = 'EsdbAppendTooLarge';
  }
}

/** A read of a stream that has no events. */
export class EsdbStreamNotFound extends Error {
  constructor(
    readonly streamName: string,
    options?: ErrorOptions,
  ) {
    super(`EventStoreDB stream ${streamName} not found`, options);
    this.name = 'EsdbStreamNotFound';
  }
}
