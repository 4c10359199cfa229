import { type Hash, nodeHash } from './hashing';

// Shared by verifyInclusion and SharedInclusionVerifier; not part of the package's API.

/** Where an inclusion path's walk stands: node index, last index at that level, hash so far. */
export interface InclusionPosition {
  readonly fn: number;
  readonly sn: number;
  readonly r: Hash;
}

/** One step of RFC 9162 §2.1.3.2's loop: combine with proof element `p` and climb a level. */
export function inclusionStep({ fn, sn, r }: InclusionPosition, p: Hash): InclusionPosition {
  if (fn % 2 === 1 || fn === sn) {
    r = nodeHash(p, r);
    while (fn % 2 === 0 && fn !== 0) {
      fn = Math.floor(fn / 2);
      sn = Math.floor(sn / 2);
    }
  } else {
    r = nodeHash(r, p);
  }
  return { fn: Math.floor(fn / 2), sn: Math.floor(sn / 2), r };
}
