/**
 * A store that a worker thread can open on its own (a plain object: it crosses the thread
 * boundary): an SQLite file or a PostgreSQL schema. Verification opens it read-only; the
 * Merkle log's catch-up worker (TreeCatchUp) writes the tree's records through it.
 */
export type VerifySource =
  | { readonly kind: 'sqlite'; readonly filename: string }
  | { readonly kind: 'postgres'; readonly connectionString: string; readonly schema?: string };

import type { VerificationResult } from '../hash/verify-stream';

/** A stream whose chain broke, and where. */
export interface BrokenChain {
  readonly streamId: string;
  readonly firstBad: NonNullable<VerificationResult['firstBad']>;
}

/** What a worker answers for one chunk of streams. */
export interface ChunkResult {
  readonly events: number;
  readonly broken: BrokenChain[];
}
