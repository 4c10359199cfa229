import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { buildConsole } from '../build/build-console';
import { startApiProcess, type ApiProcess } from './support/api-process';
import { describeInChromium, launchChromium } from './support/chromium';
import { ConsolePage, screenshotDir } from './support/console-page';
import { startAdminIdentity, type AdminIdentity } from './support/admin-identity';
import { OWNER, seedStory } from './support/seed-story';
import { PEOPLE, storyEnvironment } from './support/story';
import { currentCode } from './support/totp';

/**
 * The ops console in real headless Chromium against a real `npm start` process on a temp
 * SQLite store. One story, in order: each step starts from where the previous one left
 * the accounts. Every screen is checked with axe-core and photographed.
 */
describeInChromium('ops console in headless Chromium', consoleStory);

function consoleStory() {
  jest.setTimeout(60_000);
  const shots = screenshotDir(join(tmpdir(), 'account-ops-console-screens'));
  let api: ApiProcess;
  let browser: Browser;
  let secrets: ReturnType<typeof storyEnvironment>['secrets'];
  let seeded: Awaited<ReturnType<typeof seedStory>>;
  let identity: AdminIdentity | undefined;
  const pages: ConsolePage[] = [];
  const checkedScreens = new Set<string>();
  let storyRefundId = '';
  /** Every step-up code the story typed: none may appear in a URL. */
  const typedCodes: string[] = [];
  const codeFor = async (secret: string) => {
    const code = await currentCode(secret);
    typedCodes.push(code);
    return code;
  };

  beforeAll(async () => {
    buildConsole();
    const story = storyEnvironment();
    secrets = story.secrets;
    identity = await startAdminIdentity();
    api = await startApiProcess({ ...story.env, ...identity.env });
    seeded = await seedStory(api.url, identity.adminToken);
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await api?.stop();
    await identity?.close();
  });

  async function tab(): Promise<ConsolePage> {
    const page = await ConsolePage.open(browser, api.url);
    pages.push(page);
    return page;
  }

  /** axe-core on the screen as shown: no serious or critical violation; then its picture. */
  async function screen(page: ConsolePage, name: string, photo = true): Promise<void> {
    expect({ screen: name, violations: await page.violations() }).toEqual({
      screen: name,
      violations: [],
    });
    checkedScreens.add(name);
    if (photo) await page.screenshot(shots, name);
  }

  const idempotencyKeys = (page: ConsolePage, urlPart: string) =>
    page.requests
      .filter((r) => r.method() === 'POST' && r.url().includes(urlPart))
      .map((r) => r.headers()['idempotency-key']);

  const wrongCode = (code: string) => code.slice(0, 5) + String((Number(code[5]) + 5) % 10);

  async function tabTo(page: Page, matches: (text: string) => boolean, limit = 80): Promise<void> {
    for (let i = 0; i < limit; i++) {
      await page.keyboard.press('Tab');
      const text = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        return el ? (el.innerText || el.getAttribute('aria-label') || el.id || '').trim() : '';
      });
      if (matches(text)) return;
    }
    throw new Error('the keyboard never reached the element');
  }

  it('signs an operator in with an API key: the header shows the actor and roles; the key stays in sessionStorage', async () => {
    const page = await tab();
    await page.goto('/');
    await page.heading('Account Ops console');
    await screen(page, 'sign-in');
    await page.signIn(PEOPLE.operator.key);
    expect(await page.text('header .who-actor')).toBe('op-1');
    expect(await page.text('header .who-roles')).toBe('operator');
    const storage = await page.page.evaluate(() => ({
      session: Object.values(sessionStorage),
      local: Object.values(localStorage),
      cookie: document.cookie,
      url: location.href,
    }));
    expect(storage.session).toEqual([PEOPLE.operator.key]);
    // A marker that a full page load would wipe: the next step checks it survived.
    await page.page.evaluate(() => Object.assign(window, { stillTheSamePage: true }));
    expect(storage.local).toEqual([]);
    expect(storage.cookie).toBe('');
    expect(storage.url).not.toContain(PEOPLE.operator.key);
    // The operator may read the queue but not decide: no Health verify, no approve route.
    expect(await page.page.locator('nav[aria-label=Sections] a').allInnerTexts()).toEqual([
      'Approval queue',
      'Today',
      'Accounts',
      'Ops lists',
      'Health',
    ]);
  });

  it('the operator opens an account by id (a bookmarkable link) and requests a refund: the amount is held', async () => {
    const page = pages[0]!;
    await page.page.click('nav >> text=Accounts');
    await page.heading('Accounts');
    await page.page.fill('#account-id', 'acc-7');
    await page.page.click('button:has-text("Open")');
    await page.heading('Account acc-7');
    expect(page.page.url()).toBe(`${api.url}/console/accounts/acc-7`);
    expect(await page.page.evaluate(() => 'stillTheSamePage' in window)).toBe(true);
    expect(await page.text('[data-testid=owner]')).toBe(`${OWNER.name} · ${OWNER.email}`);
    expect(await page.text('[data-testid=balance-available]')).toBe('€500.00');
    expect(await page.text('[data-testid=balance-held]')).toBe('€0.00');
    // The operator is no history reader: the timeline is not offered.
    expect(await page.page.locator('#timeline-title').count()).toBe(0);

    await page.page.fill('#refund-amount', '120');
    await page.page.selectOption('#refund-reason', 'service_unsatisfactory');
    await page.page.fill('#refund-note', 'outage on 2 March');
    await page.page.click('button:has-text("Request refund")');
    const done = page.page.locator('.banner-ok');
    await done.waitFor();
    storyRefundId = (await done.locator('a').innerText()).trim();
    expect(storyRefundId).toMatch(/^rf-/);
    await page.page.waitForFunction(
      () => document.querySelector('[data-testid=balance-held]')?.textContent === '€120.00',
    );
    expect(await page.text('[data-testid=balance-available]')).toBe('€380.00');
    await screen(page, 'account-operator', false);
  });

  it('the approver finds it in the approval queue: oldest first, an SLA countdown, filters in the URL', async () => {
    const page = await tab();
    await page.signIn(PEOPLE.approver.key);
    await page.heading('Approval queue');
    const rows = page.page.locator('table.data tbody tr');
    await rows.first().waitFor();
    // Oldest first: the eleven refunds requested first lead the list in their order.
    const firstRows = (await rows.locator('th').allInnerTexts()).slice(0, 11);
    expect(firstRows).toEqual(Array.from({ length: 11 }, (_, i) => `rf-many-${i + 1}`));
    expect(await rows.first().locator('.sla').innerText()).toMatch(/due in 2 d 23 h/);
    await screen(page, 'queue', false);

    await page.page.fill('#queue-account', 'acc-7');
    await rows.filter({ hasText: 'acc-many' }).first().waitFor({ state: 'detached' });
    expect(await rows.locator('th').allInnerTexts()).toEqual([storyRefundId]);
    expect(await rows.first().innerText()).toContain('€120.00');
    expect(await rows.first().innerText()).toContain('op-1');
    expect(new URL(page.page.url()).search).toBe('?account=acc-7');
    await page.page.fill('#queue-account', '');
    await page.page.waitForFunction(() => location.search === '');
  });

  it('the approver opens the refund and approves it with a step-up code, asked before sending, under one Idempotency-Key', async () => {
    const page = pages[1]!;
    await page.page.click(`table.data a:has-text("${storyRefundId}")`);
    await page.heading(`Refund ${storyRefundId} on acc-7`);
    expect(await page.text('[data-testid=refund-status]')).toBe('requested');
    expect(await page.page.locator('#facts-balance').count()).toBe(1);
    await screen(page, 'refund');

    await page.page.click('form.decision-form button:text-is("Approve")');
    const dialog = page.page.locator('dialog[open]');
    await dialog.waitFor();
    // Asked before sending: /me said approvals above 100.00 need a code.
    expect(idempotencyKeys(page, '/approve')).toEqual([]);
    await screen(page, 'step-up', true);

    const code = await codeFor(secrets.approver);
    await page.page.fill('#step-up-code', wrongCode(code));
    await page.page.keyboard.press('Enter');
    await dialog.locator('[role=alert]').waitFor();
    expect(await dialog.innerText()).toMatch(/not accepted/);

    await page.page.fill('#step-up-code', code);
    await page.page.keyboard.press('Enter');
    await page.page.locator('.decision .banner-ok').waitFor();
    expect(await page.text('.decision .banner-ok')).toMatch(/is now payout pending/);
    const keys = idempotencyKeys(page, `/refunds/${storyRefundId}/approve`);
    expect(keys).toHaveLength(2);
    expect(new Set(keys).size).toBe(1);
    const sent = page.requests.filter((r) => r.url().endsWith('/approve')).map((r) => r.headers());
    expect(sent.map((h) => h['x-step-up-code'])).toEqual([wrongCode(code), code]);
  });

  it('the balance on the account page changes when the payment system reports the payout', async () => {
    await seeded.as('gateway').post(`/accounts/acc-7/refunds/${storyRefundId}/payout-succeeded`, {
      payoutReference: 'PAYOUT-1',
    });
    const page = pages[1]!;
    await page.page.click(`a:has-text("Open the account page of acc-7")`);
    await page.heading('Account acc-7');
    await page.page.waitForFunction(
      () => document.querySelector('[data-testid=balance-held]')?.textContent === '€0.00',
    );
    expect(await page.text('[data-testid=balance-available]')).toBe('€380.00');
    await page.page.click('[data-testid=statecharts] summary');
    await page.page.locator('[data-testid=current-refund]').waitFor();
    expect(await page.text('[data-testid=current-refund]')).toBe('paid');
  });

  it('the auditor’s timeline slider shows the account as it was before the approval', async () => {
    const page = await tab();
    await page.signIn(PEOPLE.auditor.key);
    await page.goto('/accounts/acc-7');
    await page.heading('Account acc-7');
    const events = page.page.locator('table.events tbody tr');
    await events.first().waitFor();
    const types = await events.locator('th').allInnerTexts();
    const approvedAt = types.indexOf('RefundApproved') + 1;
    expect(approvedAt).toBeGreaterThan(1);

    await page.page.focus('#version-slider');
    await page.page.keyboard.press('End');
    const last = types.length;
    for (let v = last; v > approvedAt - 1; v--) await page.page.keyboard.press('ArrowLeft');
    await page.page.waitForFunction(
      (v) =>
        document
          .querySelector('[data-testid=past-state] .past-title')
          ?.textContent?.startsWith(`At version ${v}:`),
      approvedAt - 1,
    );
    const past = await page.text('[data-testid=past-state]');
    expect(past).toContain(`${storyRefundId} requested`);
    expect(past).toContain('held €120.00');
    expect(await page.text('[data-testid=version-shown]')).toBe(
      `version ${approvedAt - 1} of ${last}`,
    );
    expect(await page.text('[data-testid=version-vs-now]')).toContain(
      `refund ${storyRefundId} requested → paid`,
    );
    // The version shown is in the URL: a reload (or a shared link) shows the same one.
    expect(new URL(page.page.url()).search).toBe(`?version=${approvedAt - 1}`);
    await page.page.reload();
    await page.page.waitForFunction(
      (v) =>
        document
          .querySelector('[data-testid=past-state] .past-title')
          ?.textContent?.startsWith(`At version ${v}:`),
      approvedAt - 1,
    );
    // Closed until opened: the charts (and Mermaid) load only then.
    expect(await page.page.locator('[data-testid=chart-freeze]').count()).toBe(0);
    await page.page.click('[data-testid=statecharts] summary');
    await page.page.locator('[data-testid=chart-freeze] svg').waitFor();
    await page.page.locator('[data-testid=chart-refund] svg').waitFor();
    // The current states are drawn highlighted.
    expect(
      await page.page
        .locator('[data-testid=chart-lifecycle] g.current, [data-testid=chart-lifecycle] .current')
        .count(),
    ).toBeGreaterThan(0);
    await screen(page, 'account');
  });

  it('an auditor sees no approve or reject button, and the server refuses the approval it forces: 403', async () => {
    const page = pages[2]!;
    await page.goto('/queue/acc-aud/rf-aud');
    await page.heading('Refund rf-aud on acc-aud');
    expect(await page.text('[data-testid=refund-status]')).toBe('requested');
    expect(
      await page.page.locator('button:has-text("Approve"), button:has-text("Reject")').count(),
    ).toBe(0);
    const forced = await page.page.evaluate(async () => {
      const key = Object.values(sessionStorage)[0];
      const response = await fetch('/accounts/acc-aud/refunds/rf-aud/approve', {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${key}`,
          'Idempotency-Key': 'forced-1',
          'Content-Type': 'application/json',
        },
        body: '{}',
      });
      return { status: response.status, body: (await response.json()) as { code: string } };
    });
    expect([forced.status, forced.body.code]).toEqual([403, 'FORBIDDEN']);
    const after = await seeded.as('admin').get('/accounts/acc-aud');
    expect((after.refunds as Array<{ status: string }>)[0]!.status).toBe('requested');
  });

  it('maker-checker: Approve is not offered on your own request, says why, and the server refuses it anyway', async () => {
    const page = await tab();
    await page.signIn(PEOPLE.makerChecker.key);
    await page.goto('/queue/acc-mc/rf-mc');
    await page.heading('Refund rf-mc on acc-mc');
    await page.page.locator('[data-testid=approve-blocked]').waitFor();
    expect(await page.text('[data-testid=approve-blocked]')).toBe(
      'You requested this refund: someone else must approve it (maker-checker).',
    );
    expect(await page.page.locator('.decision button:has-text("Approve")').count()).toBe(0);
    const forced = await seeded
      .as('makerChecker')
      .post('/accounts/acc-mc/refunds/rf-mc/approve')
      .then(
        () => 'accepted',
        (error: Error) => error.message,
      );
    expect(forced).toMatch(/MAKER_CHECKER_VIOLATION/);
    await screen(page, 'maker-checker', false);
  });

  it('a 429, a 503 with Retry-After and a lost connection are shown; each retry resends the same Idempotency-Key', async () => {
    const page = pages[1]!;
    const answers = ['429', '503', 'drop'];
    await page.page.route('**/accounts/acc-busy/refunds/rf-busy/approve', async (route) => {
      const next = answers.shift();
      if (next === 'drop') return route.abort('connectionreset');
      if (next) {
        const status = Number(next);
        return route.fulfill({
          status,
          headers: {
            'Content-Type': 'application/problem+json',
            'Retry-After': status === 429 ? '7' : '12',
          },
          body: JSON.stringify({
            type: 'about:blank',
            title: status === 429 ? 'Too Many Requests' : 'Service Unavailable',
            status,
            detail: 'Slow down.',
            code: status === 429 ? 'RATE_LIMITED' : 'SERVICE_UNAVAILABLE',
          }),
        });
      }
      return route.continue();
    });
    await page.goto('/queue/acc-busy/rf-busy');
    await page.heading('Refund rf-busy on acc-busy');
    await page.page.click('form.decision-form button:text-is("Approve")');
    const busy = page.page.locator('.banner-busy');
    await busy.waitFor();
    expect(await busy.innerText()).toMatch(
      /Too many requests \(429 Too Many Requests\)[\s\S]*Try again in \d s/,
    );
    expect(await page.text('.decision [role=alert]')).toMatch(/wait 7 s/);
    await screen(page, 'busy', false);

    await page.page.click('.decision button:has-text("Try again")');
    await page.page.waitForFunction(() =>
      document.querySelector('.banner-busy')?.textContent?.includes('503'),
    );
    expect(await page.text('.decision [role=alert]')).toMatch(/wait 12 s/);

    await page.page.click('.decision button:has-text("Try again")');
    await page.page.waitForFunction(() =>
      document
        .querySelector('.decision [role=alert]')
        ?.textContent?.includes('No answer from the server'),
    );
    await page.page.click('.decision button:has-text("Try again")');
    await page.page.locator('.decision .banner-ok').waitFor();
    const keys = idempotencyKeys(page, '/refunds/rf-busy/approve');
    expect(keys).toHaveLength(4);
    expect(new Set(keys).size).toBe(1);
    const refund = (await seeded.as('admin').get('/accounts/acc-busy')).refunds as Array<{
      approvedBy: string[];
    }>;
    expect(refund[0]!.approvedBy).toEqual(['ap-1']);
    await page.page.unroute('**/accounts/acc-busy/refunds/rf-busy/approve');
  });

  it('keyboard only: an approver signs in, opens a refund from the queue and approves it with the code', async () => {
    const page = await tab();
    const p = page.page;
    await page.goto('/sign-in');
    await page.heading('Account Ops console');
    await tabTo(p, (t) => t === 'api-key');
    await p.keyboard.type(PEOPLE.approver2.key);
    await p.keyboard.press('Enter');
    await page.heading('Approval queue');
    await tabTo(p, (t) => t === 'Account' || t === 'queue-account');
    await p.keyboard.type('acc-kb');
    // The filter applies as the URL changes: tab on only once the queue shows its result
    // (tabbing through a list that re-renders underneath lost the focus in one CI run).
    await p.waitForFunction(() => {
      const rows = [...document.querySelectorAll('table.queue tbody tr')];
      return rows.length > 0 && rows.every((row) => row.textContent?.includes('acc-kb'));
    });
    await tabTo(p, (t) => t === 'rf-kb');
    await p.keyboard.press('Enter');
    await page.heading('Refund rf-kb on acc-kb');
    // The decision panel renders once the refund and the account are loaded; under load that
    // took longer than 80 Tab presses in one CI run.
    await p.locator('.decision button[type=submit]:text-is("Approve"):not([disabled])').waitFor();
    await tabTo(p, (t) => t === 'Approve');
    await p.keyboard.press('Enter');
    await p.locator('dialog[open]').waitFor();
    expect(await p.evaluate(() => document.activeElement?.id)).toBe('step-up-code');
    await p.keyboard.type(await codeFor(secrets.approver2));
    await p.keyboard.press('Enter');
    await p.locator('.decision .banner-ok').waitFor();
    expect(await page.text('.decision .banner-ok')).toMatch(/rf-kb is now payout pending/);
  });

  it('the ops lists: frozen accounts by reason with their way out, the closure queue and pending top-ups, linked to the account page', async () => {
    const page = pages[0]!;
    await page.page.click('nav >> text=Ops lists');
    await page.heading('Ops lists');
    const frozen = page.page.locator('table.data tbody tr');
    await frozen.first().waitFor();
    const row = await frozen.filter({ hasText: 'acc-frozen' }).innerText();
    expect(row).toMatch(/Manual since .* by admin-1 — chargeback investigation/);
    expect(row).toMatch(/Failed logins since .* by gateway/);
    expect(row).toContain('Lifted by a password reset (identity provider).');
    await screen(page, 'ops-frozen');
    await page.page.selectOption('#frozen-reason', 'overdue_payment');
    await frozen.filter({ hasText: 'acc-frozen' }).waitFor({ state: 'detached' });
    expect(await frozen.locator('th').allInnerTexts()).toEqual(['acc-overdue']);
    await page.page.selectOption('#frozen-reason', 'compliance');
    await page.page.locator('.empty:has-text("No account is frozen for this reason")').waitFor();

    await page.page.click('.tabs >> text=Retention and closure');
    await page.page.locator('table.data tbody tr:has-text("acc-closing")').waitFor();
    expect(await page.text('table.data tbody tr')).toMatch(/moving abroad[\s\S]*due in 29 d 23 h/);
    await screen(page, 'ops-retention', false);

    await page.page.click('.tabs >> text=Pending top-ups');
    await page.page.locator('.empty:has-text("No top-up is pending that long")').waitFor();
    await page.page.selectOption('#top-up-age', '0');
    await page.page.locator('table.data tbody tr:has-text("tu-slow")').waitFor();
    await screen(page, 'ops-top-ups', false);

    await page.page.click('table.data a:has-text("acc-pending")');
    await page.heading('Account acc-pending');
    expect(await page.text('[data-testid=balance-pending]')).toBe('€75.00');
  });

  it('the health screen shows each read model’s lag and last checkpoint', async () => {
    const page = pages[2]!;
    await page.page.click('nav >> text=Health');
    await page.heading('Health');
    const rows = page.page.locator('[data-testid=lag-table] tbody tr');
    await rows.first().waitFor();
    expect(await rows.locator('th').allInnerTexts()).toEqual(['balance', 'audit', 'ops']);
    expect(await rows.first().innerText()).toMatch(/inline\s+\d+\s+\d+\s+0\s+caught up/);
    expect(await page.text('[data-testid=store-health]')).toMatch(/^Answering; head position \d+/);
  });

  it('a failed verify names the first bad event after the store file was altered behind the API', async () => {
    const page = pages[2]!;
    await page.page.fill('#verify-account', 'acc-tamper');
    await page.page.click('button:has-text("Verify")');
    await page.page.locator('[data-testid=verify-result]:has-text("is intact")').waitFor();
    expect(await page.text('[data-testid=verify-result]')).toMatch(/4 events checked/);

    const db = new Database(api.sqliteFile);
    try {
      const changed = db
        .prepare('UPDATE events SET data = ? WHERE stream_id = ? AND version = ?')
        .run(JSON.stringify({ tampered: true }), 'account-acc-tamper', 2);
      expect(changed.changes).toBe(1);
    } finally {
      db.close();
    }
    const eventId = (
      (await seeded.as('auditor').get('/accounts/acc-tamper/events?fromVersion=2&limit=1'))
        .items as Array<{ eventId: string }>
    )[0]!.eventId;
    await page.page.click('button:has-text("Verify")');
    const broken = page.page.locator('[data-testid=verify-result]:has-text("is broken")');
    await broken.waitFor();
    expect(await broken.innerText()).toContain(
      `First bad event: version 2 (event ${eventId}), hash mismatch`,
    );
    await screen(page, 'health');
  });

  it('a deep link survives a refresh, and signed out it comes back after sign-in', async () => {
    const page = pages[2]!;
    await page.goto('/accounts/acc-frozen');
    await page.heading('Account acc-frozen');
    await page.page.reload();
    await page.heading('Account acc-frozen');

    const fresh = await tab();
    await fresh.goto('/accounts/acc-frozen');
    await fresh.heading('Account Ops console');
    await fresh.page.fill('#api-key', PEOPLE.admin.key);
    await fresh.page.click('button:has-text("Sign in")');
    await fresh.heading('Account acc-frozen');
    expect(fresh.page.url()).toBe(`${api.url}/console/accounts/acc-frozen`);
  });

  it('checked every screen with axe-core, and no key, code or personal data went into a URL, a log or an error', () => {
    expect([...checkedScreens].sort()).toEqual(
      [
        'account',
        'account-operator',
        'busy',
        'health',
        'maker-checker',
        'ops-frozen',
        'ops-retention',
        'ops-top-ups',
        'queue',
        'refund',
        'sign-in',
        'step-up',
      ].sort(),
    );
    const urls = pages.flatMap((p) => p.requests.map((r) => r.url()));
    expect(urls.length).toBeGreaterThan(50);
    const secretsAndPersonal = [
      ...Object.values(PEOPLE).map((p) => p.key),
      ...Object.values(secrets),
      OWNER.name,
      encodeURIComponent(OWNER.name),
      OWNER.email,
      encodeURIComponent(OWNER.email),
    ];
    for (const secret of secretsAndPersonal) {
      expect(urls.filter((url) => url.includes(secret))).toEqual([]);
      expect(api.output()).not.toContain(secret);
    }
    expect(typedCodes.length).toBeGreaterThan(0);
    for (const code of typedCodes) expect(urls.filter((url) => url.includes(code))).toEqual([]);
    expect(pages.flatMap((p) => p.problems)).toEqual([]);
  });
}
