import type { EsdbClientKind } from '../clients/client-kind';
import type { EsdbClient } from '../esdb-client';
import type { FakeDriver } from './fake-driver';
import type { FakeEsdbServer } from './fake-esdb-server';

/**
 * One npm client's view of the fake server: a fake driver in that client's shape (option
 * names, error classes) and the seam's wrapper for that client over it.
 */
export interface FakeClientShape {
  readonly kind: EsdbClientKind;
  open(server: FakeEsdbServer): { driver: FakeDriver; client: EsdbClient };
}
