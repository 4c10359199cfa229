import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * Test support: the independent RFC 9162 implementation in Python (rfc9162-reference.py,
 * standard library only) that the Merkle code of this package and the event store's
 * stored tiles are cross-checked against. Not part of the published package.
 */

/** What the reference is asked about one tree of `size` synthetic leaves. */
export interface ReferenceQuery {
  size: number;
  inclusion: number[];
  consistency: number[];
  /** Sets of leaf indices (ascending) for multi-leaf inclusion proofs. */
  multi?: number[][];
}

/** Its answer: root, inclusion proofs by leaf index, consistency proofs by old size, multi-leaf proofs (hex). */
export interface ReferenceAnswer {
  size: number;
  root: string;
  inclusion: Record<string, string[]>;
  consistency: Record<string, string[]>;
  /** The multi-leaf proofs, in the order of the query's sets. */
  multi: string[][];
}

const REFERENCE = join(__dirname, '..', 'rfc9162-reference.py');

export function askReference(trees: ReferenceQuery[]): ReferenceAnswer[] {
  const out = execFileSync('python3', [REFERENCE], {
    input: JSON.stringify({ trees }),
    maxBuffer: 512 * 1024 * 1024,
  });
  return (JSON.parse(out.toString()) as { trees: ReferenceAnswer[] }).trees;
}

/** The reference's leaf data i: the 8-byte big-endian encoding of i. */
export function referenceLeafData(i: number): Buffer {
  const data = Buffer.alloc(8);
  data.writeBigUInt64BE(BigInt(i));
  return data;
}

export const hex = (hashes: Uint8Array[]): string[] =>
  hashes.map((h) => Buffer.from(h).toString('hex'));

/** A deterministic generator, so a failure names sizes that reproduce. */
export function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
