import { type Hash, hashesEqual } from '../merkle/hashing';
import { inclusionStep, type InclusionPosition } from '../merkle/inclusion-step';
import type { ProofResult } from '../merkle/verify';

/**
 * RFC 9162 §2.1.3.2 for many leaves of one tree: the proofs of an account's events share
 * most of their upper nodes, so once a path has led to the root, a later path that reaches
 * one of its nodes with the same hash, at the same place, and goes on with the same
 * remaining proof elements is done — the rest of the computation would be the same.
 * The step is {@link verifyInclusion}'s own (`inclusionStep`); only the early exit is added.
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
    let at: InclusionPosition = { fn: index, sn: size - 1, r: leaf };
    const steps: string[] = [];
    for (let i = 0; i < path.length; i++) {
      if (at.sn === 0)
        return { ok: false, reason: 'the inclusion proof is longer than the tree is deep' };
      at = inclusionStep(at, path[i]!);
      const key = `${at.fn}|${at.sn}|${Buffer.from(at.r).toString('base64')}`;
      const rest = this.verified.get(key);
      if (rest !== undefined && rest === encoded.slice(i + 1).join(',')) return { ok: true };
      steps.push(key);
    }
    if (at.sn !== 0)
      return { ok: false, reason: 'the inclusion proof is shorter than the tree is deep' };
    if (!hashesEqual(at.r, this.root)) {
      return { ok: false, reason: 'the inclusion proof does not lead to the root' };
    }
    steps.forEach((key, i) => this.verified.set(key, encoded.slice(i + 1).join(',')));
    return { ok: true };
  }
}
