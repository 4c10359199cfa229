export { FakeClock } from './fake-clock';
export { AppendGate } from './append-gate';
/** The domain's command fixtures (actors, test PANs, command builders) for engine tests. */
export * as accountFixtures from '../../accounts/src/testing/fixtures';
/** PostgreSQL for integration tests: PG_URL (CI) or the in-process PGlite from globalSetup. */
export { dropSchema, freshSchemaName, testPgUrl, usesPglite } from './postgres/test-database';
/** RFC 6238 appendix B test vectors, for second-factor tests. */
export { RFC_6238_SHA1_SECRET, RFC_6238_SHA1_VECTORS } from './totp-vectors';
/** A real OpenID provider (oidc-provider) on loopback, for sign-in and token tests. */
export * from './oidc';
