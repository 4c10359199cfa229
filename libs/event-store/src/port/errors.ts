import type { ExpectedVersion } from './expected-version';

/** Base of every error the store port throws on purpose. */
export abstract class EventStoreError extends Error {
  abstract readonly code: string;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The stream was not at the version the writer expected; nothing was written. */
export class WrongExpectedVersion extends EventStoreError {
  readonly code = 'WRONG_EXPECTED_VERSION';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    /** The stream's current version (0 when it has no events). */
    readonly actual: number,
  ) {
    super(`stream ${streamId}: expected version ${String(expected)}, actual ${actual}`);
  }
}

export class StreamNotFound extends EventStoreError {
  readonly code = 'STREAM_NOT_FOUND';
  constructor(readonly streamId: string) {
    super(`stream ${streamId} not found`);
  }
}

/** The call's arguments break a rule of the port; nothing was written. */
export class InvalidEventStoreInput extends EventStoreError {
  readonly code = 'INVALID_INPUT';
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

/** An event id that is already stored was appended again; nothing was written. */
export class DuplicateEventId extends EventStoreError {
  readonly code = 'DUPLICATE_EVENT_ID';
  constructor(readonly eventId: string) {
    super(`event id ${eventId} is already stored`);
  }
}

export class EventStoreClosed extends EventStoreError {
  readonly code = 'STORE_CLOSED';
  constructor() {
    super('the event store is closed');
  }
}

/** An insert-only record already exists; nothing of the write or append was stored. */
export class DuplicateRecord extends EventStoreError {
  readonly code = 'DUPLICATE_RECORD';
  constructor(
    readonly collection: string,
    readonly key: string,
  ) {
    super(`record ${collection}/${key} already exists`);
  }
}
