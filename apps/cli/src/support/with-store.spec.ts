import { ExitCode, Interrupted } from './exit-codes';
import { betweenBatches } from './interrupt';
import { withStore } from './with-store';

describe('running a command with the store', () => {
  it('closes the store and exits 130 when Ctrl-C arrives between batches', async () => {
    let closed = false;
    const run = withStore({ store: 'memory:' }, {}, async ({ store, signal }) => {
      const close = store.close.bind(store);
      store.close = async () => {
        closed = true;
        await close();
      };
      process.emit('SIGINT');
      for (;;) await betweenBatches(signal);
    });
    await expect(run).rejects.toBeInstanceOf(Interrupted);
    expect(closed).toBe(true);
    expect(process.listenerCount('SIGINT')).toBe(0);
  });

  it('returns the body’s exit code', async () => {
    const code = await withStore({ store: 'memory:' }, {}, async () => ExitCode.CheckFailed);
    expect(code).toBe(1);
  });
});
