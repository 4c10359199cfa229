/** Messages between the Merkle log's catch-up worker and the thread that started it. */

/** What the worker is sent: catch up (one request at a time), or `null` to close. */
export type CatchUpRequest = 'catch-up' | null;

/** What it answers: the tree's new state (head as formatPosition gives it), or the error. */
export type CatchUpReply =
  | { readonly ok: true; readonly size: number; readonly head: string }
  | {
      readonly ok: false;
      readonly name: string;
      readonly message: string;
      /** The store did not open: the thread ends, and the next catch-up starts another. */
      readonly ended?: boolean;
    };
