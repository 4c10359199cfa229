import type { ContractHarness, HarnessFactory } from './contract-harness';

export const FIXED_NOW = new Date('2026-01-15T10:00:00.000Z');

/** A fresh, empty store for every test; disposed afterwards. */
export function useHarness(factory: HarnessFactory): () => ContractHarness {
  let harness: ContractHarness | undefined;
  beforeEach(async () => {
    harness = await factory({ now: () => FIXED_NOW });
  });
  afterEach(async () => {
    await harness?.dispose();
    harness = undefined;
  });
  return () => {
    if (!harness) throw new Error('harness used outside a test');
    return harness;
  };
}
