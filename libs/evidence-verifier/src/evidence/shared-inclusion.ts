import { type Hash, hashesEqual } from '../merkle/hashing';
import { inclusionStep, type InclusionPosition } from '../merkle/inclusion-step';
import type { ProofResult } from '../merkle/verify';
import { decodeProofHash } from './proof-hash';

/** A node a verified path reached (its place and hash), and the proof elements it went on with. */
interface VerifiedNode {
  readonly fn: number;
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
   * Per level (`sn` after a step), the node the latest verified path reached there. An
   * account's events come in log order, so a path meets the previous paths, if at all, at
   * the nodes the latest one passed: one entry per level is enough (events in another
   * order still verify, with fewer early exits).
   */
  private readonly verified = new Map<number, VerifiedNode>();

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
    const steps: InclusionPosition[] = [];
    for (let i = 0; i < encoded.length; i++) {
      if (at.sn === 0)
        return { ok: false, reason: 'the inclusion proof is longer than the tree is deep' };
      at = inclusionStep(at, decodeProofHash(encoded[i]));
      const known = this.verified.get(at.sn);
      if (
        known !== undefined &&
        known.fn === at.fn &&
        hashesEqual(known.hash, at.r) &&
        sameRest(known, encoded, i + 1)
      ) {
        this.remember(steps, encoded);
        return { ok: true };
      }
      steps.push(at);
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
   * node): the next leaf's path meets one of them, or the nodes above where it joined.
   */
  private remember(steps: readonly InclusionPosition[], encoded: readonly string[]): void {
    for (let i = 0; i < steps.length; i++) {
      const { fn, sn, r } = steps[i]!;
      this.verified.set(sn, { fn, hash: r, proof: encoded, from: i + 1 });
    }
  }
}

function sameRest(rest: VerifiedNode, encoded: readonly string[], from: number): boolean {
  if (rest.proof.length - rest.from !== encoded.length - from) return false;
  for (let k = 0; from + k < encoded.length; k++) {
    if (rest.proof[rest.from + k] !== encoded[from + k]) return false;
  }
  return true;
}
