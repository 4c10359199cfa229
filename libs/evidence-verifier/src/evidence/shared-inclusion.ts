import { type Hash, hashesEqual, nodeHash } from '../merkle/hashing';
import type { ProofResult } from '../merkle/verify';

/**
 * RFC 9162 §2.1.3.2 for many leaves of one tree: the proofs of an account's events share
 * most of their upper nodes, so once a path has led to the root, a later path that reaches
 * one of its nodes with the same hash, at the same place, and goes on with the same
 * remaining proof elements is done — the rest of the computation would be the same.
 * The loop is exactly {@link verifyInclusion}'s; only the early exit is added.
 */
export class SharedInclusionVerifier {
  /** `fn|sn|hash` after a step of a verified path → its remaining proof elements. */
  private readonly verified = new Map<string, string>();

  constructor(
    private readonly size: number,
    private readonly root: Hash,
  ) {}

  verify(
    leaf: Hash,
    index: number,
    path: readonly Hash[],
    encoded: readonly string[],
  ): ProofResult {
    const size = this.size;
    if (!Number.isSafeInteger(index) || index < 0 || index >= size) {
      return { ok: false, reason: `leaf index ${index} is not below tree size ${size}` };
    }
    let fn = index;
    let sn = size - 1;
    let r = leaf;
    const steps: string[] = [];
    for (let i = 0; i < path.length; i++) {
      const p = path[i]!;
      if (sn === 0)
        return { ok: false, reason: 'the inclusion proof is longer than the tree is deep' };
      if (fn % 2 === 1 || fn === sn) {
        r = nodeHash(p, r);
        if (fn % 2 === 0) {
          while (fn % 2 === 0 && fn !== 0) {
            fn = Math.floor(fn / 2);
            sn = Math.floor(sn / 2);
          }
        }
      } else {
        r = nodeHash(r, p);
      }
      fn = Math.floor(fn / 2);
      sn = Math.floor(sn / 2);
      const key = `${fn}|${sn}|${Buffer.from(r).toString('base64')}`;
      const rest = this.verified.get(key);
      if (rest !== undefined && rest === encoded.slice(i + 1).join(',')) return { ok: true };
      steps.push(key);
    }
    if (sn !== 0)
      return { ok: false, reason: 'the inclusion proof is shorter than the tree is deep' };
    if (!hashesEqual(r, this.root)) {
      return { ok: false, reason: 'the inclusion proof does not lead to the root' };
    }
    steps.forEach((key, i) => this.verified.set(key, encoded.slice(i + 1).join(',')));
    return { ok: true };
  }
}
