import type { ReadAllOptions } from '../port/event-store';
import type { Position } from '../port/position';

/** What a Merkle leaf commits to (docs/auditing.md, "The Merkle log"): no data, no metadata but the hash. */
export interface LeafSource {
  readonly globalPosition: Position;
  readonly streamId: string;
  readonly version: number;
  /** The event's stored hash (`metadata.hash`). */
  readonly hash: string;
}

/**
 * A store that reads only the leaf fields of the global order, in `readAll`'s order and
 * with its visibility rules: the Merkle log's catch-up then never parses event data. The
 * SQL stores implement it; any other store is read through `readAll`.
 */
export interface LeafSourceReader {
  readLeafSources(options: ReadAllOptions): Promise<LeafSource[]>;
}

export function readsLeafSources(store: object): store is LeafSourceReader {
  return typeof (store as Partial<LeafSourceReader>).readLeafSources === 'function';
}
