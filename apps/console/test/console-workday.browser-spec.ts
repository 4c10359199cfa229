import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { verifyWebhookSignature } from '../../../libs/engine/src/webhooks/webhook-signature';
import { verifyEvidence } from '../../../libs/evidence-verifier/src/evidence/verify-evidence';
import { parseVerifierKey } from '../../../libs/evidence-verifier/src/note/verifier-key';
import { WebhookReceiver } from '../../../libs/engine/src/webhooks/testing/webhook-receiver';
import { buildConsole } from '../build/build-console';
import { startApiProcess, type ApiProcess } from './support/api-process';
import { describeInChromium, launchChromium } from './support/chromium';
import { ConsolePage, screenshotDir } from './support/console-page';
import { apiAs } from './support/http';
import { ownerOf, seedLargeStore, type SeededStore } from './support/seed-store';
import { PEOPLE, type Person } from './support/story';

/**
 * A working day in the console on a store of realistic size (1,000 accounts, > 100
 * refunds waiting, seeded through the engine before `npm start` opens it): what the
 * queue screen weighs, the queue's views and URL, a list that follows decisions made
 * elsewhere, warnings, and ten decisions made with the keyboard alone.
 */
describeInChromium('a working day in the ops console', workday);

const CARD_SECRET = 'console-suite-card-fingerprint-secret';
/** The figures measured in the browser: printed, and written to a file in the temp dir. */
const figures: Record<string, unknown> = {};

function workday() {
  // Generous: the steps are many, and CI shares a 2-core machine with other jobs.
  jest.setTimeout(180_000);
  const shots = screenshotDir(join(tmpdir(), 'account-ops-console-screens'));
  let api: ApiProcess;
  let browser: Browser;
  let seeded: SeededStore;
  const pages: ConsolePage[] = [];
  const as = (person: Person) => apiAs(api.url, PEOPLE[person].key);

  beforeAll(async () => {
    buildConsole();
    const env = {
      ACCOUNT_OPS_API_KEYS: Object.values(PEOPLE)
        .map((p) => `${p.key}=${p.id}:${p.roles}`)
        .join(';'),
      ACCOUNT_OPS_CARD_SECRET: CARD_SECRET,
      // A checkpoint on the first tick after the seed: the auditor's evidence bundle needs one.
      ACCOUNT_OPS_CHECKPOINT_EVERY_EVENTS: '1',
      // A failed webhook delivery is a dead letter at once (the admin's re-send is tested).
      ACCOUNT_OPS_WEBHOOK_MAX_ATTEMPTS: '1',
    };
    api = await startApiProcess(env, async (file) => {
      seeded = await seedLargeStore(file, CARD_SECRET, 1000);
    });
    figures.seed = {
      accounts: seeded.accounts,
      refundsWaiting: seeded.waiting.length,
      expired: seeded.expired,
      rejected: seeded.rejected,
      seedSeconds: seeded.ms / 1000,
    };
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    const file = join(tmpdir(), 'account-ops-console-workday-figures.json');
    writeFileSync(file, `${JSON.stringify(figures, null, 2)}\n`);
    process.stdout.write(`console workday figures: ${JSON.stringify(figures)}\n`);
    await browser?.close();
    await api?.stop();
  });

  async function tab(person: Person): Promise<ConsolePage> {
    const page = await ConsolePage.open(browser, api.url);
    pages.push(page);
    await page.signIn(PEOPLE[person].key);
    return page;
  }

  async function screen(page: ConsolePage, name: string, photo = true): Promise<void> {
    expect({ screen: name, violations: await page.violations() }).toEqual({
      screen: name,
      violations: [],
    });
    if (photo) await page.screenshot(shots, name);
  }

  const caption = (page: ConsolePage) => page.text('table.queue caption');
  const count = async (page: ConsolePage) => Number((await caption(page)).split(' ')[0]);

  it('the store is of realistic size: 1,000 accounts, over 100 refunds waiting, some expired and rejected', async () => {
    expect(seeded.accounts).toBe(1000);
    expect(seeded.waiting.length).toBeGreaterThanOrEqual(100);
    const waiting = (await as('admin').get('/ops/refunds')).items as unknown[];
    expect(waiting).toHaveLength(seeded.waiting.length);
    const expired = (await as('admin').get('/ops/refunds?status=expired')).items as unknown[];
    expect(expired).toHaveLength(seeded.expired);
  });

  it('weight: the queue screen transfers at most 150 KB of JavaScript, compressed; Mermaid loads only with the statecharts', async () => {
    const page = await tab('approver');
    const cdp = await page.context.newCDPSession(page.page);
    await cdp.send('Network.clearBrowserCache');
    const started = Date.now();
    await page.goto('/queue');
    await page.page.locator('table.queue tbody tr').first().waitFor();
    const loadMs = Date.now() - started;
    const scripts = await page.page.evaluate(() =>
      (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
        .filter((e) => e.name.endsWith('.js'))
        .map((e) => ({
          name: e.name.split('/').pop() ?? e.name,
          transfer: e.transferSize,
          encoded: e.encodedBodySize,
          decoded: e.decodedBodySize,
        })),
    );
    const transferred = scripts.reduce((sum, s) => sum + s.transfer, 0);
    figures.queueFirstLoad = {
      scripts: scripts.length,
      jsTransferredBytes: transferred,
      jsDecodedBytes: scripts.reduce((sum, s) => sum + s.decoded, 0),
      msToFirstRow: loadMs,
    };
    expect(scripts.length).toBeGreaterThan(0);
    // Fetched over the network (not from the cache), compressed on the wire.
    for (const s of scripts) expect(s.encoded).toBeLessThan(s.decoded);
    expect(transferred).toBeGreaterThan(0);
    expect(transferred).toBeLessThanOrEqual(150 * 1024);
    const main = page.requests.filter((r) => r.url().endsWith('.js'))[0]!;
    const response = await main.response();
    expect(response?.headers()['content-encoding']).toBe('br');
    expect(response?.headers()['vary']).toMatch(/Accept-Encoding/i);

    // An account page: balances shown after the click, and no Mermaid until asked for.
    const [waitingAccount] = seeded.waiting[0]!.split('/');
    const link = page.page.locator(`table.queue a[href$="/accounts/${waitingAccount}"]`);
    const clicked = await page.page.evaluate(() => performance.now());
    await link.first().click();
    await page.page.locator('[data-testid=balance-available]').waitFor();
    const shown = await page.page.evaluate(() => performance.now());
    figures.accountBalancesMsAfterClick = Math.round(shown - clicked);
    const mermaid = () => page.requests.filter((r) => /mermaid/i.test(r.url())).length;
    expect(mermaid()).toBe(0);
    await page.page.click('[data-testid=statecharts] summary');
    await page.page.locator('[data-testid=chart-lifecycle] svg').waitFor();
    expect(mermaid()).toBeGreaterThan(0);
    figures.statechartsJsBytes = await page.page.evaluate(() =>
      (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
        .filter((e) => e.name.endsWith('.js'))
        .reduce((sum, e) => sum + e.transferSize, 0),
    );
  });

  it('the queue: "Needs my decision" by default, sort and filters in the URL (no personal data), kept on return', async () => {
    // ap-2 approves one two-approver refund first: it leaves ap-2's own view, not "All waiting".
    const big = (
      (await as('admin').get('/ops/refunds')).items as Array<{
        accountId: string;
        refundId: string;
        approvalsRequired: number;
      }>
    ).find((r) => r.approvalsRequired === 2)!;
    await as('approver2').post(`/accounts/${big.accountId}/refunds/${big.refundId}/approve`);

    const page = await tab('approver2');
    await page.heading('Approval queue');
    await page.page.locator('table.queue tbody tr').first().waitFor();
    expect(await caption(page)).toMatch(/needs my decision$/);
    const mine = await count(page);
    expect(mine).toBe(seeded.waiting.length - 1);
    // 25 rows a page by default, oldest first.
    expect(await page.page.locator('table.queue tbody tr').count()).toBe(25);
    await screen(page, 'queue');

    await page.page.selectOption('#queue-view', 'all');
    await page.page.waitForFunction(() =>
      document.querySelector('table.queue caption')?.textContent?.endsWith('all waiting'),
    );
    expect(await count(page)).toBe(seeded.waiting.length);

    await page.page.selectOption('#queue-sort', 'amount');
    await page.page.selectOption('#queue-size', '100');
    await page.page.click('#queue-two');
    await page.page.waitForFunction(() => location.search.includes('two=1'));
    const url = new URL(page.page.url());
    expect(Object.fromEntries(url.searchParams)).toEqual({
      view: 'all',
      sort: 'amount',
      two: '1',
      size: '100',
    });
    const rows = page.page.locator('table.queue tbody tr');
    // The URL changes before the filtered page arrives: wait for the rows to be the new ones.
    await page.page.waitForFunction(() => {
      const shown = [...document.querySelectorAll('table.queue tbody tr')];
      return shown.length > 0 && shown.every((row) => /\d of 2/.test(row.textContent ?? ''));
    });
    // Two approvers only: every row shows "of 2"; the biggest amount first.
    for (const text of await rows.allInnerTexts()) expect(text).toMatch(/\d of 2/);
    const amounts = await rows.locator('td.num').allInnerTexts();
    const values = amounts.map((a) => Number(a.replace(/[^\d.]/g, '')));
    expect(values).toEqual([...values].sort((a, b) => b - a));
    await page.page.click('#queue-two');
    await page.page.waitForFunction(() => !location.search.includes('two=1'));
    await page.page.waitForFunction(
      () => document.querySelectorAll('table.queue tbody tr').length === 100,
    );
    expect(await rows.count()).toBe(100);

    // Open a refund and come back by the breadcrumb, then by the menu: the same view.
    const search = new URL(page.page.url()).search;
    await rows.first().locator('th a').click();
    await page.page.locator('.breadcrumb a').waitFor();
    await page.page.click('.breadcrumb a');
    await page.heading('Approval queue');
    expect(new URL(page.page.url()).search).toBe(search);
    await page.page.click('nav >> text=Accounts');
    await page.page.click('nav >> text=Approval queue');
    await page.page.waitForFunction((s) => location.search === s, search);

    // Expired and rejected refunds are lists too.
    await page.page.selectOption('#queue-view', 'expired');
    await page.page.waitForFunction(() =>
      document.querySelector('table.queue caption')?.textContent?.endsWith('expired'),
    );
    expect(await count(page)).toBe(seeded.expired);
    expect(await page.text('table.queue tbody tr')).toContain(
      'approval_sla_expired'.replace(/_/g, ' '),
    );
    await screen(page, 'queue-expired', false);
    await page.page.selectOption('#queue-view', 'rejected');
    await page.page.waitForFunction(() =>
      document.querySelector('table.queue caption')?.textContent?.endsWith('rejected'),
    );
    expect(await count(page)).toBe(seeded.rejected);
  });

  it('live: a refund decided in another browser leaves the list within 10 s, without a reload', async () => {
    const watcher = await tab('approver2');
    await watcher.goto('/queue?view=all&size=100&sort=deadline&dir=asc');
    await watcher.page.locator('table.queue tbody tr').first().waitFor();
    const target = (
      await watcher.page.locator('table.queue tbody th a').first().innerText()
    ).trim();
    const href = await watcher.page.locator('table.queue tbody th a').first().getAttribute('href');
    const before = watcher.requests.length;

    const decider = await tab('approver');
    await decider.goto(href!.replace(/^\/console/, ''));
    await decider.heading(`Refund ${target}`);
    await decider.page.selectOption('#reject-choice', { index: 1 });
    await decider.page.click('form.decision-form button:text-is("Reject")');
    await decider.page.locator('.decision .banner-ok').waitFor();

    const leftAt = Date.now();
    await watcher.page
      .locator('table.queue tbody th a', { hasText: target })
      .waitFor({ state: 'detached', timeout: 10_000 });
    figures.decidedElsewhereLeftListMs = Date.now() - leftAt;
    // It was the page's own polling, not a navigation.
    expect(watcher.requests.slice(before).some((r) => r.resourceType() === 'document')).toBe(false);
  });

  it('warnings at the top of the decision panel: a frozen account with its note, amount against available', async () => {
    const frozen = seeded.frozenWithRefunds.find((id) =>
      seeded.waiting.some((w) => w.startsWith(`${id}/`)),
    )!;
    const refundId = seeded.waiting.find((w) => w.startsWith(`${frozen}/`))!.split('/')[1]!;
    const page = await tab('approver');
    await page.goto(`/queue/${frozen}/${refundId}`);
    await page.heading(`Refund ${refundId}`);
    const warnings = page.page.locator('[data-testid=warnings] li');
    await warnings.first().waitFor();
    expect(await warnings.first().getAttribute('data-kind')).toBe('frozen');
    expect(await warnings.first().innerText()).toMatch(
      /^Account frozen: Manual since .* by admin-1 — “customer disputes the refund amount”$/,
    );
    expect(await page.page.locator('[data-kind=amount]').innerText()).toMatch(
      /^Amount .* against .* available/,
    );
    await screen(page, 'refund');
  });

  it('after a 409 the panel reads the refund again and says what changed', async () => {
    const page = await tab('approver');
    const [accountId, refundId] = seeded.waiting.at(-1)!.split('/') as [string, string];
    await page.goto(`/queue/${accountId}/${refundId}`);
    await page.heading(`Refund ${refundId}`);
    await page.page.locator('form.decision-form button:text-is("Approve")').waitFor();
    await as('approver2').post(`/accounts/${accountId}/refunds/${refundId}/reject`, {
      reason: 'Duplicate of another refund',
    });
    await page.page.click('form.decision-form button:text-is("Approve")');
    // First "reading it again…", then what changed once the refund is read again.
    const conflict = page.page.locator('[data-testid=conflict]', { hasText: 'It is now' });
    await conflict.waitFor();
    expect(await conflict.innerText()).toMatch(
      /changed while you were looking: its status went from requested to rejected \(by ap-2: Duplicate of another refund\)\. It is now rejected\./,
    );
    // Nothing left to decide: no Approve, no Reject.
    expect(await page.page.locator('form.decision-form button').count()).toBe(0);
  });

  it('ten decisions with the keyboard alone, at most 3 keystrokes each; help overlay and confirmation', async () => {
    const page = await tab('approver');
    const p = page.page;
    await page.goto('/queue?sort=deadline&dir=asc');
    await p.locator('table.queue tbody tr').first().waitFor();

    await p.keyboard.press('?');
    const help = p.locator('dialog.shortcuts-help[open]');
    await help.waitFor();
    expect(await help.innerText()).toMatch(/a\s+Approve & next/);
    await screen(page, 'keyboard-help');
    await p.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });

    const strokes: number[] = [];
    const decided: string[] = [];
    let pressed = 0;
    let confirmed = false;
    const press = async (key: string) => {
      pressed++;
      await p.keyboard.press(key);
    };
    await press('j');
    await press('Enter');
    for (let n = 0; n < 10; n++) {
      await p.waitForFunction(() =>
        document.querySelector('h1')?.textContent?.startsWith('Refund '),
      );
      const title = await p.locator('h1').innerText();
      const [, refundId, accountId] = /^Refund (\S+) on (\S+)$/.exec(title.trim())!;
      await p.locator('.decision').waitFor();
      const amountText = await p.locator('[data-kind=amount]').innerText();
      const amount = Number(/^Amount (\S+) against/.exec(amountText)![1]!.replace(/[^\d.]/g, ''));
      const reject = n % 4 === 3;
      if (reject) {
        await press('r');
        await press('Enter');
      } else {
        await press('a');
        // Above the confirmation amount (500.00 by default) the console asks first.
        if (amount > 500) {
          await p.locator('dialog.confirm[open]').waitFor();
          if (!confirmed) await screen(page, 'confirm-approval');
          confirmed = true;
          await press('Enter');
        }
      }
      // The next refund opens (or the queue, after the last one).
      await p.waitForFunction(
        (t) => document.querySelector('h1')?.textContent?.trim() !== t,
        title.trim(),
      );
      strokes.push(pressed);
      pressed = 0;
      decided.push(`${accountId}/${refundId}/${reject ? 'rejected' : 'approved'}`);
    }
    figures.keyboardDecisions = { decisions: strokes.length, keystrokes: strokes, confirmed };
    expect(strokes).toHaveLength(10);
    for (const s of strokes) expect(s).toBeLessThanOrEqual(3);

    for (const entry of decided) {
      const [accountId, refundId, how] = entry.split('/') as [string, string, string];
      const account = await as('admin').get(`/accounts/${accountId}`);
      const refund = (
        account.refunds as Array<{
          refundId: string;
          status: string;
          approvedBy: string[];
          decidedBy: string | null;
        }>
      ).find((r) => r.refundId === refundId)!;
      if (how === 'rejected')
        expect([refund.status, refund.decidedBy]).toEqual(['rejected', 'ap-1']);
      else expect(refund.approvedBy).toContain('ap-1');
    }
  });

  it('actions where the page names a way out: freeze and unfreeze per reason, cancel and reactivate, for the roles that may', async () => {
    const admin = await tab('admin');
    const p = admin.page;
    const account = 'acc-00002';
    await admin.goto(`/accounts/${account}`);
    await admin.heading(`Account ${account}`);
    // An admin may freeze for a manual reason only (compliance is the compliance role's).
    await p.locator('[data-testid=action-freeze]').waitFor();
    expect(await p.locator('#freeze-reason option').allInnerTexts()).toEqual(['Manual']);
    await p.fill('#freeze-note', 'chargeback investigation');
    await p.click('[data-testid=action-freeze] button');
    await p.locator('[data-testid=action-unfreeze-manual]').waitFor();
    expect(await admin.text('#freezes-title + table tbody')).toMatch(
      /Manual[\s\S]*admin-1[\s\S]*chargeback investigation/,
    );
    await screen(admin, 'account-actions');

    const compliance = await tab('compliance');
    await compliance.goto(`/accounts/${account}`);
    await compliance.heading(`Account ${account}`);
    await compliance.page.locator('[data-testid=action-freeze]').waitFor();
    expect(await compliance.page.locator('#freeze-reason option').allInnerTexts()).toEqual([
      'Compliance',
    ]);
    // The manual reason is the admin's to lift: compliance is not offered it.
    expect(await compliance.page.locator('[data-testid=action-unfreeze-manual]').count()).toBe(0);
    await compliance.page.fill('#freeze-note', 'sanctions screening hit');
    await compliance.page.click('[data-testid=action-freeze] button');
    await compliance.page.locator('[data-testid=action-unfreeze-compliance]').waitFor();

    // The admin lifts the manual reason; the compliance one stays (and is not offered).
    await p.reload();
    await admin.heading(`Account ${account}`);
    expect(await p.locator('[data-testid=action-unfreeze-compliance]').count()).toBe(0);
    await p.fill('#unfreeze-note-manual', 'investigation closed');
    await p.click('[data-testid=action-unfreeze-manual] button');
    await p.locator('[data-testid=action-unfreeze-manual]').waitFor({ state: 'detached' });
    let state = await as('admin').get(`/accounts/${account}`);
    expect(state.freezeReasons).toEqual(['compliance']);
    await compliance.page.fill('#unfreeze-note-compliance', 'cleared by compliance');
    await compliance.page.click('[data-testid=action-unfreeze-compliance] button');
    await compliance.page
      .locator('[data-testid=action-unfreeze-compliance]')
      .waitFor({ state: 'detached' });

    // Cancellation: request, withdraw, request again, confirm, reactivate.
    await p.reload();
    await p.fill('#cancellation-reason', 'moving abroad');
    await p.click('[data-testid=action-request-cancellation] button');
    await p.locator('[data-testid=action-withdraw-cancellation]').waitFor();
    await p.click('[data-testid=action-withdraw-cancellation] button');
    await p.locator('[data-testid=action-request-cancellation]').waitFor();
    await p.fill('#cancellation-reason', 'moving abroad after all');
    await p.click('[data-testid=action-request-cancellation] button');
    await p.locator('[data-testid=action-confirm-cancellation]').waitFor();
    await p.click('[data-testid=action-confirm-cancellation] button');
    await p.locator('[data-testid=action-reactivate]').waitFor();
    expect((await as('admin').get(`/accounts/${account}`)).status).toBe('cancelled');
    await p.click('[data-testid=action-reactivate] button');
    await p.locator('[data-testid=action-request-cancellation]').waitFor();
    state = await as('admin').get(`/accounts/${account}`);
    expect([state.status, state.frozen]).toEqual(['active', false]);

    // One Idempotency-Key per write: seven writes, seven keys, each on its own request.
    const keys = admin.requests
      .filter(
        (r) => ['POST', 'DELETE'].includes(r.method()) && r.url().includes(`/accounts/${account}/`),
      )
      .map((r) => r.headers()['idempotency-key']);
    expect(keys).toHaveLength(7);
    expect(new Set(keys).size).toBe(7);

    // A role that may not: the auditor sees no action, and the server refuses the freeze.
    const auditor = await tab('auditor');
    await auditor.goto(`/accounts/${account}`);
    await auditor.heading(`Account ${account}`);
    await auditor.page.locator('[data-testid=balance-available]').waitFor();
    expect(await auditor.page.locator('#actions-title').count()).toBe(0);
    const forced = await as('auditor')
      .post(`/accounts/${account}/freezes`, { reason: 'manual', note: 'not mine to do' })
      .then(
        () => 'accepted',
        (error: Error) => error.message,
      );
    expect(forced).toMatch(/403/);
    // A blocked cancellation lists its blockers before anyone tries (the server would refuse).
    const [withRefund] = seeded.waiting
      .slice(0, -1)
      .reverse()
      .find((w) => !seeded.frozenWithRefunds.includes(w.split('/')[0]!))!
      .split('/') as [string];
    await p.goto(`${api.url}/console/accounts/${withRefund}`);
    await p.locator('[data-testid=cancellation-blockers]').waitFor();
    expect(await admin.text('[data-testid=cancellation-blockers]')).toMatch(
      /refund rf-\d+ is requested/,
    );
    expect(await p.locator('[data-testid=action-request-cancellation] button').isDisabled()).toBe(
      true,
    );
    const refused = await as('admin')
      .post(`/accounts/${withRefund}/cancellation`, { reason: 'closing the business' })
      .then(
        () => 'accepted',
        (error: Error) => error.message,
      );
    expect(refused).toMatch(/CANCELLATION_BLOCKED/);
  });

  it('the lead’s dashboard: every figure equals what the API lists say, and it refreshes itself', async () => {
    const lead = await tab('admin');
    const p = lead.page;
    await p.click('nav >> text=Today');
    await lead.heading('Today');
    await p.locator('[data-testid=dash-waiting-total]').waitFor();
    const at = Number(await p.locator('[data-testid=dash-as-of]').getAttribute('data-at'));
    type Row = { amount: number; currency: string; approvalDeadline: string; updatedAt: string };
    const admin = as('admin');
    const waiting = (await admin.get('/ops/refunds')).items as Row[];
    const expired = (await admin.get('/ops/refunds?status=expired')).items as Row[];
    const frozen = (await admin.get('/ops/frozen-accounts')).items as Array<{
      reasons: Array<{ reason: string }>;
    }>;
    const topUps = (await admin.get('/ops/top-ups?olderThanSeconds=86400')).items as unknown[];
    const midnight = new Date(at).toISOString().slice(0, 10) + 'T00:00:00.000Z';
    const decisions: Array<{ actorId: string; type: string }> = [];
    for (const type of ['RefundApproved', 'RefundRejected'])
      decisions.push(
        ...((await admin.get(`/audit?type=${type}&from=${midnight}&limit=1000`)).items as Array<{
          actorId: string;
          type: string;
        }>),
      );

    expect(await lead.text('[data-testid=dash-waiting-total]')).toBe(String(waiting.length));
    const eur = waiting.filter((r) => r.currency === 'EUR');
    expect(await lead.text('[data-testid=dash-waiting] tbody tr:has-text("EUR")')).toMatch(
      new RegExp(
        `^EUR\\s+${eur.length}\\s+€${(eur.reduce((n, r) => n + r.amount, 0) / 100).toLocaleString('en-GB', { minimumFractionDigits: 2 }).replace(/\./g, '\\.')}$`,
      ),
    );
    const deadline = (r: Row) => Date.parse(r.approvalDeadline);
    expect(await lead.text('[data-testid=dash-due-4h]')).toBe(
      String(waiting.filter((r) => deadline(r) > at && deadline(r) <= at + 4 * 3_600_000).length),
    );
    expect(await lead.text('[data-testid=dash-expired-today]')).toBe(
      String(expired.filter((r) => r.updatedAt >= midnight).length),
    );
    expect(await lead.text('[data-testid=dash-frozen-total]')).toBe(String(frozen.length));
    const manual = frozen.filter((f) => f.reasons.some((r) => r.reason === 'manual')).length;
    expect(await lead.text('[data-testid=dash-frozen]')).toContain(`Manual\n${manual}`);
    expect(await lead.text('[data-testid=dash-top-ups-total]')).toBe(String(topUps.length));
    const ap1 = decisions.filter((d) => d.actorId === 'ap-1');
    expect(ap1.length).toBeGreaterThan(0);
    expect(await lead.text('[data-testid=dash-decisions] tbody tr:has-text("ap-1")')).toMatch(
      new RegExp(
        `^ap-1\\s+${ap1.filter((d) => d.type === 'RefundApproved').length}\\s+${ap1.filter((d) => d.type === 'RefundRejected').length}$`,
      ),
    );
    expect(await lead.text('[data-testid=dash-lag]')).toBe('Caught up.');
    await screen(lead, 'dashboard');

    // Self-refreshing: a new refund request shows up without a reload.
    const [accountId] = seeded.waiting
      .find((w) => !seeded.frozenWithRefunds.includes(w.split('/')[0]!))!
      .split('/') as [string];
    await as('operator').post(`/accounts/${accountId}/refunds`, {
      amount: 100,
      reason: 'technical_issue',
    });
    await p.waitForFunction(
      (n) => document.querySelector('[data-testid=dash-waiting-total]')?.textContent === String(n),
      waiting.length + 1,
      { timeout: 20_000 },
    );
  });

  it('auditors: amounts in the timeline facts, Export JSON / CSV download what the API exports, the evidence bundle verifies offline, Health shows the signed checkpoint', async () => {
    const auditor = await tab('auditor');
    const p = auditor.page;
    const [accountId, refundId] = seeded.waiting[1]!.split('/') as [string, string];
    await auditor.goto(`/accounts/${accountId}`);
    await auditor.heading(`Account ${accountId}`);
    const requested = p.locator('table.events tbody tr', { hasText: 'RefundRequested' });
    await requested.first().waitFor();
    expect(await requested.first().innerText()).toMatch(
      new RegExp(`refund ${refundId}, amount €[\\d,]+\\.\\d\\d`),
    );
    // The refund id links to the refund's page.
    expect(await requested.first().getByRole('link', { name: refundId }).getAttribute('href')).toBe(
      `/console/queue/${accountId}/${refundId}`,
    );

    const [json] = await Promise.all([
      p.waitForEvent('download'),
      p.click('button:text-is("Export JSON")'),
    ]);
    expect(json.suggestedFilename()).toBe(`account-${accountId}-export.json`);
    const file = JSON.parse(readFileSync((await json.path())!, 'utf8')) as {
      exportedBy: string;
      account: unknown;
      events: Array<{ eventId: string }>;
      verification: { ok: boolean };
    };
    const api = (await as('auditor').get(
      `/accounts/${accountId}/export`,
    )) as unknown as typeof file;
    expect(file.exportedBy).toBe(api.exportedBy);
    expect(file.account).toEqual(api.account);
    expect(file.verification.ok).toBe(true);
    // The server records each export; the later one may list one event more.
    expect(api.events.slice(0, file.events.length)).toEqual(file.events);

    const [csv] = await Promise.all([
      p.waitForEvent('download'),
      p.click('button:text-is("Export CSV")'),
    ]);
    const lines = readFileSync((await csv.path())!, 'utf8').split('\r\n');
    expect(lines[0]).toBe(
      'version,occurredAt,type,actor,roles,amount,currency,refundId,topUpId,reason,eventId,hash',
    );
    expect(lines.filter((l) => l.includes(`RefundRequested,op-`))[0]).toContain(
      `,EUR,${refundId},`,
    );
    expect(lines.length - 2).toBeGreaterThanOrEqual(file.events.length);

    // The evidence bundle verifies offline with the public key the API publishes.
    const [evidence] = await Promise.all([
      p.waitForEvent('download'),
      p.click('button:text-is("Evidence bundle")'),
    ]);
    expect(evidence.suggestedFilename()).toBe(`account-${accountId}.evidence.json`);
    const key = (await as('auditor').get('/audit/checkpoints/key')) as { verifierKey: string };
    const bundle: unknown = JSON.parse(readFileSync((await evidence.path())!, 'utf8'));
    expect(verifyEvidence(bundle, parseVerifierKey(key.verifierKey))).toMatchObject({ ok: true });
    await screen(auditor, 'account-auditor', false);

    // Health: the latest signed checkpoint, downloadable as the note the API serves.
    await auditor.goto('/health');
    await auditor.heading('Health');
    await p.locator('[data-testid=checkpoint-facts]').waitFor();
    const latest = (await as('auditor').get('/audit/checkpoints/latest')) as {
      size: number;
      note: string;
    };
    const [note] = await Promise.all([
      p.waitForEvent('download'),
      p.click('button:text-is("Download checkpoint")'),
    ]);
    const saved = readFileSync((await note.path())!, 'utf8');
    // A checkpoint may have been signed between the page's request and the API's.
    expect(note.suggestedFilename()).toMatch(/^\d+\.checkpoint$/);
    expect(saved).toMatch(/^[^\n]+\n\d+\n[A-Za-z0-9+/]+=*\n/);
    expect(Number(saved.split('\n')[1])).toBeLessThanOrEqual(latest.size);
    await screen(auditor, 'health-checkpoint');
  });

  it('webhooks (admins): register with the secret shown once, a dead letter re-sent from its row, disable; no Webhooks for other roles', async () => {
    const receiver = await WebhookReceiver.start();
    try {
      const admin = await tab('admin');
      const p = admin.page;
      await admin.goto('/webhooks');
      await admin.heading('Webhooks');
      await p.fill('#webhook-url', receiver.url);
      await p.fill('#webhook-topics', 'AccountOpened');
      await p.click('button:text-is("Register")');
      const secret = await admin.text('[data-testid=webhook-secret-value]');
      expect(secret).toMatch(/^whsec_/);
      await screen(admin, 'webhooks');
      await p.click('button:text-is("I have saved it")');
      expect(await p.locator('[data-testid=webhook-secret]').count()).toBe(0);
      await p.click(`[data-testid=webhooks-table] a:text-is("${receiver.url}")`);
      await admin.heading('Webhook endpoint');

      // The receiver refuses: with one attempt allowed, the delivery is a dead letter.
      receiver.otherwise = 'fail';
      await as('operator').post('/accounts', {
        accountId: 'acc-webhook-1',
        ownerName: 'Wendy Hook',
        ownerEmail: 'wendy@example.com',
        currency: 'EUR',
        plan: { pricePerCycle: 3_000, cycleDays: 30, cycleStart: '2026-03-01' },
      });
      const rows = p.locator('[data-testid=deliveries-table] tbody tr');
      await rows.filter({ hasText: 'Dead letter' }).first().waitFor({ timeout: 20_000 });
      expect(await rows.first().innerText()).toMatch(
        /AccountOpened\s+acc-webhook-1\s+Dead letter\s+1/,
      );

      receiver.otherwise = 'ok';
      await p.click('button:has-text("Re-send")');
      await p.locator('[role=status]:has-text("1 dead letter queued again")').waitFor();
      await rows.filter({ hasText: 'Delivered' }).first().waitFor({ timeout: 20_000 });
      const [delivered] = receiver.accepted();
      expect(JSON.parse(delivered!.body)).toMatchObject({
        type: 'AccountOpened',
        accountId: 'acc-webhook-1',
      });
      // Signed with the secret the page showed once.
      expect(
        verifyWebhookSignature(
          delivered!.headers['webhook-signature'] as string,
          delivered!.body,
          [secret],
          { now: new Date() },
        ).valid,
      ).toBe(true);
      await screen(admin, 'webhook-endpoint');

      await p.click('button:text-is("Disable")');
      await p.locator('[data-testid=webhook-state]:text-is("Disabled")').waitFor();
      // Nobody else has the screen: no menu entry, and the server refuses the list.
      const approver = await tab('approver');
      await approver.goto('/queue');
      await approver.heading('Approval queue');
      expect(await approver.page.locator('nav >> text=Webhooks').count()).toBe(0);
      const forced = await as('approver')
        .get('/webhooks')
        .then(
          () => 'listed',
          (error: Error) => error.message,
        );
      expect(forced).toMatch(/403/);
      expect(api.output()).not.toContain(secret);
      expect(admin.requests.map((r) => r.url()).filter((u) => u.includes(secret))).toEqual([]);
    } finally {
      await receiver.close();
    }
  });

  it('no name or e-mail of the seeded owners went into a URL or the server log; no console error', () => {
    const urls = pages.flatMap((p) => p.requests.map((r) => r.url()));
    expect(urls.length).toBeGreaterThan(20);
    for (const i of [0, 7, 42, 999]) {
      const { name, email } = ownerOf(i);
      for (const secret of [name, encodeURIComponent(name), email, encodeURIComponent(email)]) {
        expect(urls.filter((u) => u.includes(secret))).toEqual([]);
        expect(api.output()).not.toContain(secret);
      }
    }
    expect(pages.flatMap((p) => p.problems)).toEqual([]);
  });
}
