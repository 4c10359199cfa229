export { FakeClock } from './fake-clock';
/** The domain's command fixtures (actors, test PANs, command builders) for engine tests. */
export * as accountFixtures from '../../accounts/src/testing/fixtures';
