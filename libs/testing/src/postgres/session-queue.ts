import type { PGlite } from '@electric-sql/pglite';

// Frontend messages after which the backend can be idle again: the startup packet (no type
// byte; its length starts with 0), Query, Sync (ends an extended-query batch), CopyDone, CopyFail.
const TURN_ENDING_MESSAGES = new Set([0x00, 0x51, 0x53, 0x63, 0x66]);
// ReadyForQuery ('Z', length 5) with status 'I': idle, outside any transaction block.
const READY_FOR_QUERY_IDLE = [0x5a, 0, 0, 0, 5, 0x49];
// A Sync followed by a simple-query ROLLBACK: ends whatever a vanished client left open.
const SYNC = [0x53, 0, 0, 0, 4];
const ROLLBACK = [0x51, 0, 0, 0, 13, ...Buffer.from('ROLLBACK'), 0];

interface Job {
  readonly handlerId: number;
  /** Runs the job; resolves true when the backend is idle afterwards. */
  readonly run: () => Promise<boolean>;
  readonly cancel: (error: Error) => void;
}

/**
 * Shares PGlite's single backend between socket connections one *turn* at a time: a
 * connection that sends a message keeps the backend until it is idle again (ReadyForQuery
 * 'I': its Sync or simple query finished outside a transaction block). Other connections'
 * messages wait in order.
 *
 * pglite-socket 0.2.17's own queue only keeps a connection's turn inside an explicit
 * transaction, so two pooled clients' Parse/Bind/Execute/Sync batches interleave and clobber
 * each other's unnamed statement ("unnamed prepared statement does not exist", or rows of
 * the wrong query): electric-sql/pglite#1046. This class has the method shape that
 * `PGLiteSocketHandler` expects of its `queryQueue`.
 */
export class SessionQueue {
  private jobs: Job[] = [];
  private owner: number | undefined;
  private draining = false;

  constructor(private readonly db: PGlite) {}

  enqueue(
    handlerId: number,
    message: Uint8Array,
    onData: (data: Uint8Array) => void,
  ): Promise<number> {
    return new Promise((resolve, reject) => {
      const run = (): Promise<boolean> =>
        this.execute(message, onData).then(
          ({ bytes, idle }) => {
            resolve(bytes);
            return idle;
          },
          (error: Error) => {
            reject(error);
            return true; // the backend's state is unknown; do not let one client block the rest
          },
        );
      this.jobs.push({ handlerId, run, cancel: reject });
      void this.drain();
    });
  }

  getQueueLength(): number {
    return this.jobs.length;
  }

  clearQueueForHandler(handlerId: number): void {
    const mine = this.jobs.filter((job) => job.handlerId === handlerId);
    this.jobs = this.jobs.filter((job) => job.handlerId !== handlerId);
    mine.forEach((job) => job.cancel(new Error('Handler disconnected')));
  }

  /** Called when a connection goes away: if it held the backend, end its turn cleanly. */
  clearTransactionIfNeeded(handlerId: number): Promise<void> {
    if (this.owner !== handlerId) return Promise.resolve();
    return new Promise((resolve) => {
      const run = async (): Promise<boolean> => {
        await this.execute(Uint8Array.from(SYNC), () => undefined).catch(() => undefined);
        await this.execute(Uint8Array.from(ROLLBACK), () => undefined).catch(() => undefined);
        resolve();
        return true;
      };
      this.jobs.unshift({ handlerId, run, cancel: () => resolve() });
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      for (let job = this.next(); job; job = this.next()) {
        this.owner = job.handlerId;
        if (await job.run()) this.owner = undefined;
      }
    } finally {
      this.draining = false;
    }
  }

  /** The owner's next message, or anyone's oldest when the backend is free. */
  private next(): Job | undefined {
    const index =
      this.owner === undefined ? 0 : this.jobs.findIndex((job) => job.handlerId === this.owner);
    return index < 0 ? undefined : this.jobs.splice(index, 1)[0];
  }

  private async execute(
    message: Uint8Array,
    onData: (data: Uint8Array) => void,
  ): Promise<{ bytes: number; idle: boolean }> {
    let bytes = 0;
    let tail: number[] = [];
    await this.db.runExclusive(() =>
      this.db.execProtocolRawStream(message, {
        onRawData: (data) => {
          bytes += data.length;
          tail = [...tail, ...data.subarray(-READY_FOR_QUERY_IDLE.length)].slice(
            -READY_FOR_QUERY_IDLE.length,
          );
          onData(data);
        },
      }),
    );
    const idle =
      TURN_ENDING_MESSAGES.has(message[0] ?? -1) &&
      tail.every((byte, i) => byte === READY_FOR_QUERY_IDLE[i]) &&
      tail.length === READY_FOR_QUERY_IDLE.length;
    return { bytes, idle };
  }
}
