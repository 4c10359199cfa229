import type { ContractOptions } from '../../contract/contract-harness';

/** The contract cases EventStoreDB cannot meet, and why (shown in the skipped tests' names). */
export const ESDB_CONTRACT_OPTIONS: ContractOptions = {
  unsupported: {
    records:
      'EventStoreDB keeps events only; records live in the SQL read store (split configuration)',
    tamperData: 'EventStoreDB events are immutable: there is no way to change one behind the store',
    uniqueEventIds:
      'EventStoreDB has no unique index on event ids: only a retry of the stream’s last append is recognised (and acknowledged, not refused)',
  },
};
