import { oneShot } from '../one-shot-hash';
import { eventLeafHash } from '../merkle/leaf';
import type { Hash } from '../merkle/hashing';

// Internal to the package: verifyEvidence's leaf hashes, not exported from its index.

/** Decimal strings that fit a double exactly (< 2^53): written without BigInt. */
const SAFE_DIGITS = 15;
const TWO_32 = 2 ** 32;

/**
 * `eventLeafHash` of a bundle's event, byte for byte (docs/auditing.md, "The Merkle log"),
 * for a whole bundle: one input buffer reused from leaf to leaf (the stream id, the same
 * for every event of a bundle, encoded once), positions written from their decimal text
 * without BigInt where they fit a double. Bundle leaf hashes were a third of a v2 check.
 */
export class BundleLeafHasher {
  private readonly input: Buffer;
  private readonly versionAt: number;

  /** `streamId`: the bundle's (every event's, which the caller checks first). */
  constructor(private readonly streamId: string) {
    const stream = Buffer.from(streamId, 'utf8');
    // 0x00, commit, prepare, stream id length and bytes, version, event hash.
    this.input = Buffer.alloc(1 + 8 + 8 + 4 + stream.length + 8 + 32);
    this.input.writeUInt32BE(stream.length, 17);
    stream.copy(this.input, 21);
    this.versionAt = 21 + stream.length;
  }

  /**
   * `position`: decimal strings of at most 20 digits (the bundle's shape check); `hash`:
   * the event's hash as `eventHash` computes it (lowercase hex, so no pattern test here:
   * a test per event was a tenth of a cold check).
   */
  leaf(commit: string, prepare: string, version: number, hash: string): Hash {
    return Buffer.from(this.leafLatin1(commit, prepare, version, hash), 'latin1');
  }

  /** {@link leaf} as a latin1 string (one character per byte), as the v2 walk takes it. */
  leafLatin1(commit: string, prepare: string, version: number, hash: string): string {
    if (!oneShot || hash.length !== 64 || !Number.isSafeInteger(version) || version < 0) {
      // The general path: its checks and messages, or a Node without one-shot hashes.
      return Buffer.from(
        eventLeafHash({
          position: { commit: BigInt(commit), prepare: BigInt(prepare) },
          streamId: this.streamId,
          version,
          hash,
        }),
      ).toString('latin1');
    }
    const input = this.input;
    writeU64(input, commit, 1);
    writeU64(input, prepare, 9);
    writeU64(input, version, this.versionAt);
    if (input.write(hash, this.versionAt + 8, 'hex') !== 32)
      throw new RangeError(`event hash ${hash} is not 64 hex digits`);
    return oneShot('sha256', input, 'latin1');
  }
}

/** A u64 big-endian from a decimal string or a safe integer; throws above 2^64 - 1. */
function writeU64(out: Buffer, value: string | number, at: number): void {
  if (typeof value === 'number' || value.length <= SAFE_DIGITS) {
    const n = Number(value);
    out.writeUInt32BE(Math.floor(n / TWO_32), at);
    out.writeUInt32BE(n % TWO_32, at + 4);
  } else {
    out.writeBigUInt64BE(BigInt(value), at);
  }
}
