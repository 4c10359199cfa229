import { appendReadContract } from './append-read.contract';
import { badInputContract } from './bad-input.contract';
import type { HarnessFactory } from './contract-harness';
import { expectedVersionContract } from './expected-version.contract';
import { globalOrderContract } from './global-order.contract';
import { hashChainContract } from './hash-chain.contract';
import { recordsContract } from './records.contract';
import { subscriptionContract } from './subscription.contract';
import { useHarness } from './use-harness';

/**
 * The rules every EventStore adapter must keep. Call it from the adapter's spec with a
 * factory that makes a fresh, empty store per test.
 */
export function eventStoreContract(adapterName: string, factory: HarnessFactory): void {
  describe(`EventStore contract: ${adapterName}`, () => {
    const harness = useHarness(factory);
    appendReadContract(harness);
    expectedVersionContract(harness);
    globalOrderContract(harness);
    subscriptionContract(harness);
    hashChainContract(harness);
    badInputContract(harness);
    recordsContract(harness);
  });
}
