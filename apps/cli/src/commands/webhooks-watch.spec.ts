import type { WebhookRunReport } from '@account-ops/engine';
import { KeyUnavailable } from '@account-ops/engine';
import { watchDeliveries } from './webhooks-watch';

const report = (delivered: number): WebhookRunReport => ({
  queued: delivered,
  delivered,
  retrying: 0,
  dead: 0,
});

/** A dispatcher whose passes end when the test says so. */
function steppedDispatcher() {
  const pending: ((r: WebhookRunReport) => void)[] = [];
  let started = 0;
  let notify: () => void = () => undefined;
  return {
    get started() {
      return started;
    },
    runDue: () =>
      new Promise<WebhookRunReport>((resolve) => {
        started++;
        pending.push(resolve);
        notify();
      }),
    passStarted: (n: number) =>
      new Promise<void>((resolve) => {
        notify = () => started >= n && resolve();
        notify();
      }),
    finish: (r: WebhookRunReport) => pending.shift()!(r),
  };
}

describe('the delivery worker loop', () => {
  it('logs passes that did something, finishes the pass in progress when stopped, then returns', async () => {
    const dispatcher = steppedDispatcher();
    const stop = new AbortController();
    const lines: string[] = [];
    const run = watchDeliveries(dispatcher, {
      intervalMs: 1,
      signal: stop.signal,
      log: (line) => lines.push(line),
      warn: (line) => lines.push(`warn ${line}`),
      now: () => new Date('2026-01-01T00:00:00Z'),
    });
    await dispatcher.passStarted(1);
    dispatcher.finish(report(0)); // nothing to do: no line
    await dispatcher.passStarted(2);
    stop.abort(); // arrives mid-pass
    let returned = false;
    void run.then(() => (returned = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(returned).toBe(false);
    dispatcher.finish(report(4));
    expect(await run).toEqual({
      passes: 2,
      queued: 4,
      delivered: 4,
      retrying: 0,
      dead: 0,
      failedPasses: 0,
    });
    expect(dispatcher.started).toBe(2);
    expect(lines).toEqual([
      '2026-01-01T00:00:00.000Z webhooks: queued 4, delivered 4, retrying 0, dead 0',
    ]);
  });

  it('starts the next pass at once after one that delivered, and pauses after an idle one', async () => {
    const dispatcher = steppedDispatcher();
    const stop = new AbortController();
    const run = watchDeliveries(dispatcher, {
      intervalMs: 3_600_000, // a pause that would outlast the test
      signal: stop.signal,
      log: () => undefined,
      warn: () => undefined,
    });
    await dispatcher.passStarted(1);
    dispatcher.finish(report(3)); // a backlog: no pause before the next pass
    await dispatcher.passStarted(2);
    dispatcher.finish(report(0)); // drained: now the pause
    await new Promise((resolve) => setImmediate(resolve));
    expect(dispatcher.started).toBe(2);
    stop.abort(); // ends the pause
    expect((await run).passes).toBe(2);
  });

  it('carries on after a failed pass, but ends on a key it cannot use', async () => {
    const failures: unknown[] = [
      new Error('connection reset'),
      new KeyUnavailable('k1', 'no such key'),
    ];
    const warnings: string[] = [];
    const run = watchDeliveries(
      { runDue: () => Promise.reject(failures.shift()) },
      {
        intervalMs: 1,
        signal: new AbortController().signal,
        log: () => undefined,
        warn: (line) => warnings.push(line),
      },
    );
    await expect(run).rejects.toBeInstanceOf(KeyUnavailable);
    expect(warnings).toEqual([expect.stringMatching(/pass failed: connection reset$/)]);
  });
});
