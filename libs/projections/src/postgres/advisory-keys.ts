import { createHash } from 'node:crypto';

/**
 * Advisory lock keys (signed 64-bit, as text) per schema and projection:
 * - `batch`: held by each catch-up batch and by a rebuild's swap, so they never overlap;
 * - `leader`: held for as long as a projector process runs a projection;
 * - `rebuild`: one rebuild of a projection at a time.
 */
export function advisoryKey(
  schema: string,
  projection: string,
  purpose: 'batch' | 'leader' | 'rebuild' | 'schema',
): string {
  const digest = createHash('sha256')
    .update(`account-ops/projections/${schema}/${projection}/${purpose}`)
    .digest();
  return digest.readBigInt64BE(0).toString();
}
