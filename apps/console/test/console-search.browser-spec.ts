import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { buildConsole } from '../build/build-console';
import { startAdminIdentity, type AdminIdentity } from './support/admin-identity';
import { startApiProcess, type ApiProcess } from './support/api-process';
import { describeInChromium, launchChromium } from './support/chromium';
import { ConsolePage, screenshotDir } from './support/console-page';
import { apiAs } from './support/http';
import { PEOPLE, type Person } from './support/story';
import { currentCode, newTotpSecret } from './support/totp';

/**
 * Finding a customer on a call: the header's "Search accounts" by name, e-mail and card
 * last4, in real headless Chromium against `npm start`. What was typed must never reach a
 * URL, the browser's console or a server log line. Then on the account found: the owner in
 * the queue, the top-up and bank-card forms for a role that may and one that may not, and
 * the timeline's links.
 */
describeInChromium('searching accounts in the ops console', search);

const CUSTOMER = { name: 'Clara Schmidt-Lévêque', email: 'clara.leveque@example.net' };
/** Typed into the search box; none may show up anywhere but the POST body. */
const TYPED = ['Clara Schm', 'leveque', CUSTOMER.email, 'Schmidt'];

function search() {
  jest.setTimeout(120_000);
  const shots = screenshotDir(join(tmpdir(), 'account-ops-console-screens'));
  let api: ApiProcess;
  let browser: Browser;
  const pages: ConsolePage[] = [];
  const consoleLines: string[] = [];
  const accountId = 'acc-clara';
  const operatorSecret = newTotpSecret();
  const NEW_CARD = '4111111111111111';

  let identity: AdminIdentity | undefined;

  beforeAll(async () => {
    buildConsole();
    identity = await startAdminIdentity();
    api = await startApiProcess({
      ...identity.env,
      ACCOUNT_OPS_API_KEYS: Object.values(PEOPLE)
        .map((p) => `${p.key}=${p.id}:${p.roles}`)
        .join(';'),
      ACCOUNT_OPS_CARD_SECRET: 'console-suite-card-fingerprint-secret',
      ACCOUNT_OPS_SEARCH_KEY: 'console-suite-search-key-0123456789',
      ACCOUNT_OPS_TOTP_SECRETS: `${PEOPLE.operator.id}=${operatorSecret}`,
    });
    const operator = apiAs(api.url, PEOPLE.operator.key);
    // The admin's card change carries a second factor: a sign-in with MFA (admin-identity.ts).
    const admin = apiAs(api.url, identity.adminToken);
    for (const [id, name, email] of [
      [accountId, CUSTOMER.name, CUSTOMER.email],
      ['acc-other', 'Claudia Schubert', 'claudia@example.net'],
    ] as const) {
      await operator.post('/accounts', {
        accountId: id,
        ownerName: name,
        ownerEmail: email,
        currency: 'EUR',
      });
    }
    await admin.put(`/accounts/${accountId}/bank-card`, {
      cardNumber: '5555555555554444',
      holderName: 'CLARA SCHMIDT',
      bankName: 'Example Bank',
    });
    const gateway = apiAs(api.url, PEOPLE.gateway.key);
    const a = `/accounts/${accountId}`;
    await gateway.post(`${a}/top-ups`, {
      topUpId: 'tu-seed',
      amount: 50_000,
      method: 'bank_transfer',
      paymentReference: 'psp-seed',
    });
    await gateway.post(`${a}/top-ups/tu-seed/settle`);
    await operator.post(`${a}/refunds`, {
      refundId: 'rf-clara',
      amount: 1_000,
      reason: 'duplicate_charge',
    });
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    for (const page of pages) await page.close();
    await browser?.close();
    await api?.stop();
    await identity?.close();
  });

  async function tab(person: Person): Promise<ConsolePage> {
    const page = await ConsolePage.open(browser, api.url);
    page.page.on('console', (message) => consoleLines.push(message.text()));
    pages.push(page);
    await page.signIn(PEOPLE[person].key);
    return page;
  }

  async function searchFor(page: ConsolePage, text: string) {
    const box = page.page.getByRole('searchbox', { name: 'Search accounts' });
    await box.fill(text);
    await box.press('Enter');
    const results = page.page.getByRole('region', { name: 'Search results' });
    await results.getByRole('status').filter({ hasNotText: 'Searching' }).waitFor();
    return results;
  }

  it('finds the customer by a name, an e-mail and the card last4, and opens the account', async () => {
    const page = await tab('operator');
    for (const text of ['Clara Schm', 'leveque', CUSTOMER.email, '4444']) {
      const results = await searchFor(page, text);
      await results.getByRole('link', { name: new RegExp(accountId) }).waitFor();
      expect({ text, list: await results.innerText() }).toEqual({
        text,
        list: expect.stringContaining(CUSTOMER.name),
      });
      if (text === 'Clara Schm') {
        // Both Claras' first names start so, but only one surname does.
        expect(await results.innerText()).not.toContain('Claudia');
        expect(await page.violations()).toEqual([]);
        await page.screenshot(shots, 'search-results');
      }
    }
    const results = await searchFor(page, 'Schmidt');
    await results.getByRole('link', { name: new RegExp(accountId) }).click();
    await page.heading(accountId);
    // The search box forgot the text once the account opened.
    expect(await page.page.getByRole('searchbox', { name: 'Search accounts' }).inputValue()).toBe(
      '',
    );
    const none = await searchFor(page, 'Nobody Known');
    expect(await none.innerText()).toContain('No account found');
  });

  it('is not offered to a role that may not search (auditor)', async () => {
    const page = await tab('auditor');
    await page.goto('/accounts');
    await page.heading('Accounts');
    expect(await page.page.getByRole('searchbox', { name: 'Search accounts' }).count()).toBe(0);
  });

  it('the queue names the owner of each refund', async () => {
    const page = await tab('approver');
    await page.goto('/queue');
    const row = page.page.locator('table.queue tbody tr', { hasText: 'rf-clara' });
    await row.waitFor();
    expect(await row.locator('[data-testid=owner-cell]').innerText()).toBe(CUSTOMER.name);
    // The approver may neither top up nor change a card: neither form is offered.
    await page.goto(`/accounts/${accountId}`);
    await page.heading(`Account ${accountId}`);
    expect(await page.page.locator('#top-up-title').count()).toBe(0);
    expect(await page.page.locator('#bank-card-title').count()).toBe(0);
  });

  it('an operator initiates a top-up and changes the card with a second factor, under one Idempotency-Key', async () => {
    const page = await tab('operator');
    const p = page.page;
    await page.goto(`/accounts/${accountId}`);
    await page.heading(`Account ${accountId}`);
    await p.fill('#top-up-amount', '12.50');
    await p.fill('#top-up-reference', 'psp-console-1');
    await p.click('button:text-is("Initiate top-up")');
    await p.locator('section[aria-labelledby=top-up-title] .banner-ok').waitFor();
    expect(await page.text('section[aria-labelledby=top-up-title] .banner-ok')).toMatch(
      /€12\.50 is pending/,
    );

    expect(await p.getAttribute('#card-number', 'autocomplete')).toBe('off');
    await p.fill('#card-number', '4111 1111 1111 1111');
    await p.fill('#card-holder', 'CLARA SCHMIDT');
    await p.fill('#card-bank', 'Other Bank');
    await p.click('button:text-is("Change card")');
    const dialog = p.locator('dialog[open]');
    await dialog.waitFor();
    // The number left the page's state as soon as it was sent.
    expect(await p.inputValue('#card-number')).toBe('');
    const code = await currentCode(operatorSecret);
    const wrong = code.slice(0, 5) + String((Number(code[5]) + 5) % 10);
    await p.fill('#bank-card-step-up-code', wrong);
    await p.keyboard.press('Enter');
    await dialog.locator('[role=alert]').waitFor();
    await p.fill('#bank-card-step-up-code', code);
    await p.keyboard.press('Enter');
    await p.locator('section[aria-labelledby=bank-card-title] .banner-ok').waitFor();
    expect(await page.text('section[aria-labelledby=bank-card-title] .banner-ok')).toMatch(
      /••1111 is on file/,
    );
    // Done after the code, so the form is empty for the next change.
    expect([await p.inputValue('#card-holder'), await p.inputValue('#card-bank')]).toEqual([
      '',
      '',
    ]);
    const puts = page.requests.filter((r) => r.url().endsWith('/bank-card'));
    expect(puts.map((r) => r.method())).toEqual(['PUT', 'PUT']);
    expect(new Set(puts.map((r) => r.headers()['idempotency-key'])).size).toBe(1);
    expect(puts.every((r) => r.postData()?.includes(NEW_CARD))).toBe(true);
    expect(page.requests.some((r) => r.url().includes(NEW_CARD))).toBe(false);
    expect(await page.violations()).toEqual([]);
    await page.screenshot(shots, 'account-forms');
  });

  it('the timeline links refund ids to their page and top-up ids to their row', async () => {
    const page = await tab('auditor');
    const p = page.page;
    await page.goto(`/accounts/${accountId}`);
    await page.heading(`Account ${accountId}`);
    const requested = p.locator('table.events tbody tr', { hasText: 'RefundRequested' });
    await requested.first().waitFor();
    expect(
      await requested.first().getByRole('link', { name: 'rf-clara' }).getAttribute('href'),
    ).toBe(`/console/queue/${accountId}/rf-clara`);
    const initiated = p.locator('table.events tbody tr', { hasText: 'TopUpInitiated' });
    const link = initiated.first().getByRole('link', { name: 'tu-seed' });
    expect(await link.getAttribute('href')).toBe('#top-up-tu-seed');
    expect(await p.locator('#top-up-tu-seed').count()).toBe(1);
  });

  it('never puts what was typed in a request URL, the console or a server log line', async () => {
    const urls = pages.flatMap((page) => page.requests.map((request) => request.url()));
    const searches = pages.flatMap((page) =>
      page.requests.filter((request) => request.url().endsWith('/search')),
    );
    expect(searches.length).toBeGreaterThanOrEqual(5);
    for (const request of searches) expect(request.method()).toBe('POST');
    const server = api.output();
    expect(server).toContain('/search');
    for (const secret of [...TYPED, CUSTOMER.name, encodeURIComponent(CUSTOMER.email)]) {
      const lower = secret.toLowerCase();
      expect({
        secret,
        inUrls: urls.some((u) => decodeURIComponent(u).toLowerCase().includes(lower)),
      }).toEqual({
        secret,
        inUrls: false,
      });
      expect({
        secret,
        inConsole: consoleLines.some((l) => l.toLowerCase().includes(lower)),
      }).toEqual({
        secret,
        inConsole: false,
      });
      expect({ secret, inServerLog: server.toLowerCase().includes(lower) }).toEqual({
        secret,
        inServerLog: false,
      });
    }
    for (const page of pages) expect(page.problems).toEqual([]);
  });
}
