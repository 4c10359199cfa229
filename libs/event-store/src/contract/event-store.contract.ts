import { appendReadContract } from './append-read.contract';
import { badInputContract } from './bad-input.contract';
import type { ContractOptions, HarnessFactory } from './contract-harness';
import { expectedVersionContract } from './expected-version.contract';
import { globalOrderContract } from './global-order.contract';
import { hashChainContract } from './hash-chain.contract';
import { recordsContract } from './records.contract';
import { subscriptionContract } from './subscription.contract';
import { useHarness } from './use-harness';

/**
 * The rules every EventStore adapter must keep. Call it from the adapter's spec with a
 * factory that makes a fresh, empty store per test. An adapter that cannot keep a rule
 * names it in `options.unsupported` with the reason; those cases are reported as skipped.
 */
export function eventStoreContract(
  adapterName: string,
  factory: HarnessFactory,
  options: ContractOptions = {},
): void {
  const unsupported = options.unsupported ?? {};
  describe(`EventStore contract: ${adapterName}`, () => {
    const harness = useHarness(factory);
    appendReadContract(harness);
    expectedVersionContract(harness);
    globalOrderContract(harness);
    subscriptionContract(harness);
    hashChainContract(harness, unsupported.tamperData);
    badInputContract(harness, unsupported.uniqueEventIds);
    recordsContract(harness, unsupported.records);
  });
}
