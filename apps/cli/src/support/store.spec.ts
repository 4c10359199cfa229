import { parseStoreUrl } from '@account-ops/event-store';
import { CliError, ExitCode } from './exit-codes';
import { describeStore, openCliStore } from './store';

describe('the CLI store', () => {
  it.each([
    ['kurrentdb://admin:s3cret@node1:2113?tls=false', 'KurrentDB store node1:2113'],
    ['esdb://admin:s3cret@node1:2113?tls=false', 'EventStoreDB store node1:2113'],
    ['postgres://aos:s3cret@db:5432/aos', 'PostgreSQL store db:5432/aos'],
  ])('describes %s without its credentials', (url, description) => {
    expect(describeStore(parseStoreUrl(url))).toBe(description);
  });

  describe('with an events-only store and no ACCOUNT_OPS_READ_STORE', () => {
    const saved = process.env.ACCOUNT_OPS_READ_STORE;
    beforeEach(() => delete process.env.ACCOUNT_OPS_READ_STORE);
    afterEach(() => {
      if (saved === undefined) delete process.env.ACCOUNT_OPS_READ_STORE;
      else process.env.ACCOUNT_OPS_READ_STORE = saved;
    });

    it.each(['kurrentdb', 'esdb'])(
      'refuses %s:// with exit 4, naming the missing variable, not the password',
      async (scheme) => {
        const error = await openCliStore(`${scheme}://admin:s3cret@node1:2113?tls=false`).catch(
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(CliError);
        expect(error).toMatchObject({ exitCode: ExitCode.StoreUnavailable });
        expect((error as Error).message).toMatch(/ACCOUNT_OPS_READ_STORE=postgres/);
        expect((error as Error).message).not.toMatch(/s3cret/);
      },
    );
  });
});
