import type { FakeClientShape } from './fake-client-shape';
import { EVENTSTOREDB_SHAPE } from './fake-eventstoredb-driver';
import { KURRENTDB_SHAPE } from './fake-kurrentdb-driver';

/**
 * Both clients' shapes, for specs that run once per client (`describe.each`). Kept out of
 * the library's index: importing it loads `@kurrent/kurrentdb-client`.
 */
export const FAKE_CLIENT_SHAPES: readonly FakeClientShape[] = [EVENTSTOREDB_SHAPE, KURRENTDB_SHAPE];
