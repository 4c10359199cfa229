import { type Hash, hashesEqual } from '../merkle/hashing';
import { inclusionStep, type InclusionPosition } from '../merkle/inclusion-step';
import type { ProofResult } from '../merkle/verify';
import { decodeProofHash } from './proof-hash';

/** A node a verified path reached (its hash), and the proof elements it went on with. */
interface VerifiedNode {
  readonly hash: Hash;
  readonly proof: readonly string[];
  readonly from: number;
}

/**
 * RFC 9162 §2.1.3.2 for many leaves of one tree: the proofs of an account's events share
 * most of their upper nodes, so once a path has led to the root, a later path that reaches
 * one of its nodes with the same hash, at the same place, and goes on with the same
 * remaining proof elements is done — the rest of the computation would be the same.
 * The step is {@link verifyInclusion}'s own (`inclusionStep`); only the early exit is added.
 *
 * Proof elements are decoded (and checked to be canonical base64 of 32 bytes) only as the
 * walk uses them: the ones after an early exit equal, text for text, elements of a path
 * that was decoded and verified, so every element is still checked.
 */
export class SharedInclusionVerifier {
  /**
   * `fn|sn` after a step of a verified path (a place in the tree) → the node hash it had
   * there and its remaining proof elements. The hash is compared apart: a short key.
   */
  private readonly verified = new Map<string, VerifiedNode>();

  constructor(
    private readonly size: number,
    private readonly root: Hash,
  ) {}

  /** Throws if a proof element it needs is not a hash in canonical base64. */
  verify(leaf: Hash, index: number, encoded: readonly string[]): ProofResult {
    const size = this.size;
    if (!Number.isSafeInteger(index) || index < 0 || index >= size) {
      return { ok: false, reason: `leaf index ${index} is not below tree size ${size}` };
    }
    let at: InclusionPosition = { fn: index, sn: size - 1, r: leaf };
    const steps: { key: string; hash: Hash }[] = [];
    for (let i = 0; i < encoded.length; i++) {
      if (at.sn === 0)
        return { ok: false, reason: 'the inclusion proof is longer than the tree is deep' };
      at = inclusionStep(at, decodeProofHash(encoded[i]));
      const key = `${at.fn}|${at.sn}`;
      const known = this.verified.get(key);
      if (known !== undefined && hashesEqual(known.hash, at.r) && sameRest(known, encoded, i + 1)) {
        this.remember(steps, encoded);
        return { ok: true };
      }
      steps.push({ key, hash: at.r });
    }
    if (at.sn !== 0)
      return { ok: false, reason: 'the inclusion proof is shorter than the tree is deep' };
    if (!hashesEqual(at.r, this.root)) {
      return { ok: false, reason: 'the inclusion proof does not lead to the root' };
    }
    this.remember(steps, encoded);
    return { ok: true };
  }

  /**
   * The steps of a path now known to lead to the root (directly, or through a verified
   * node): the next leaf's path, usually a neighbour's, meets one of them low down.
   */
  private remember(
    steps: readonly { key: string; hash: Hash }[],
    encoded: readonly string[],
  ): void {
    steps.forEach(({ key, hash }, i) => {
      if (!this.verified.has(key)) this.verified.set(key, { hash, proof: encoded, from: i + 1 });
    });
  }
}

function sameRest(rest: VerifiedNode, encoded: readonly string[], from: number): boolean {
  if (rest.proof.length - rest.from !== encoded.length - from) return false;
  for (let k = 0; from + k < encoded.length; k++) {
    if (rest.proof[rest.from + k] !== encoded[from + k]) return false;
  }
  return true;
}
