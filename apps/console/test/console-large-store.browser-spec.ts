import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { buildConsole } from '../build/build-console';
import { startApiProcess, type ApiProcess } from './support/api-process';
import { describeInChromium, launchChromium } from './support/chromium';
import { ConsolePage } from './support/console-page';
import { seedLargeStore, type SeededStore } from './support/seed-store';
import { PEOPLE } from './support/story';

/**
 * The account page on a store of 100,000 accounts (`CONSOLE_LARGE_ACCOUNTS` to change it):
 * the balances are on screen at most 300 ms after the click, measured in the browser
 * (performance.now around the click, and the resource timing of the account's request).
 *
 * Opt-in (`CONSOLE_LARGE_STORE=1`): seeding 100,000 accounts through the engine takes
 * 10–30 minutes on a shared 2-core machine, too long for every run of the suite.
 */
const wanted = process.env.CONSOLE_LARGE_STORE === '1';
const ACCOUNTS = Number(process.env.CONSOLE_LARGE_ACCOUNTS ?? 100_000);
const CARD_SECRET = 'console-suite-card-fingerprint-secret';
const BUDGET_MS = 300;

if (wanted) {
  describeInChromium('the account page on a store of 100,000 accounts', largeStore);
} else {
  describe('the account page on a store of 100,000 accounts', () => {
    it.skip('skipped: set CONSOLE_LARGE_STORE=1 to seed 100,000 accounts and measure', () =>
      undefined);
  });
}

function largeStore() {
  jest.setTimeout(120_000);
  let api: ApiProcess;
  let browser: Browser;
  let seeded: SeededStore;
  const figures: Record<string, unknown> = {};

  beforeAll(async () => {
    buildConsole();
    api = await startApiProcess(
      {
        ACCOUNT_OPS_API_KEYS: Object.values(PEOPLE)
          .map((p) => `${p.key}=${p.id}:${p.roles}`)
          .join(';'),
        ACCOUNT_OPS_CARD_SECRET: CARD_SECRET,
      },
      async (file) => {
        seeded = await seedLargeStore(file, CARD_SECRET, ACCOUNTS);
      },
    );
    browser = await launchChromium();
  }, 3_600_000);

  afterAll(async () => {
    const file = join(tmpdir(), 'account-ops-console-large-store-figures.json');
    writeFileSync(file, `${JSON.stringify(figures, null, 2)}\n`);
    process.stdout.write(`console large-store figures: ${JSON.stringify(figures)}\n`);
    await browser?.close();
    await api?.stop();
  });

  it(`shows an account's balances at most ${BUDGET_MS} ms after the click`, async () => {
    // The seed's queue is large (one account in ten has a refund waiting): its list is the
    // heaviest request of the console, and is reported too.
    expect(seeded.accounts).toBe(ACCOUNTS);
    const page = await ConsolePage.open(browser, api.url);
    await page.signIn(PEOPLE.approver.key);
    await page.goto('/queue');
    const rows = page.page.locator('table.queue tbody tr');
    await rows.first().waitFor();
    const samples: { clickToBalancesMs: number; requestMs: number }[] = [];
    // Five accounts, each opened from the queue for the first time (nothing cached).
    for (let n = 0; n < 5; n++) {
      const link = rows.nth(n).locator('a[href*="/accounts/"]');
      const href = (await link.getAttribute('href'))!;
      const accountId = decodeURIComponent(href.split('/').pop()!);
      const clicked = await page.page.evaluate(() => performance.now());
      await link.click();
      await page.page.locator('[data-testid=balance-available]').waitFor();
      const shown = await page.page.evaluate(() => performance.now());
      const requestMs = await page.page.evaluate(
        (id) =>
          (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
            .filter((e) => e.name.endsWith(`/accounts/${encodeURIComponent(id)}`))
            .map((e) => e.responseEnd - e.startTime)
            .pop() ?? -1,
        accountId,
      );
      samples.push({
        clickToBalancesMs: Math.round(shown - clicked),
        requestMs: Math.round(requestMs),
      });
      // Back to the queue, and click once its list has come (a click during the queue's own
      // request waits behind it: with 10,000 refunds waiting that request is the slow one).
      const listed = page.page.waitForResponse((r) => r.url().includes('/ops/refunds'));
      await page.page.goBack();
      await listed;
      await rows.first().waitFor();
    }
    figures.accounts = ACCOUNTS;
    figures.seedSeconds = Math.round(seeded.ms / 1000);
    figures.samples = samples;
    figures.note = 'measured under load (shared 2-core machine)';
    expect(page.problems).toEqual([]);
    // The median of five: one sample can meet a pause of the shared machine (all reported).
    const sorted = samples.map((s) => s.clickToBalancesMs).sort((a, b) => a - b);
    figures.medianClickToBalancesMs = sorted[2];
    expect(sorted[2]).toBeLessThanOrEqual(BUDGET_MS);
  });
}
