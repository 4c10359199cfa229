import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Browser } from 'playwright-core';
import { buildConsole } from '../build/build-console';
import { freePort, startApiProcess, type ApiProcess } from './support/api-process';
import { describeInChromium, launchChromium } from './support/chromium';
import { ConsolePage, screenshotDir } from './support/console-page';
import { apiAs } from './support/http';
import {
  startTestIdentityProvider,
  TEST_ACR_MFA,
  TEST_OTP,
  type TestIdentityProvider,
} from './support/identity-provider';
import { seedLargeStore } from './support/seed-store';

/**
 * Single sign-on in the console (backend-for-frontend) against a real OpenID provider on
 * loopback, with the API started as `npm start` does: people sign in at the provider's
 * login page, work the queue, re-authenticate at the provider for a step-up, sign out
 * there; an idle session ends; an operator never sees approve controls and the server
 * refuses the approval forced anyway.
 */
describeInChromium('single sign-on in the ops console', singleSignOn);

const CARD_SECRET = 'console-sso-card-fingerprint-secret';
const CLIENT = { clientId: 'account-ops-console', clientSecret: 'console-sso-client-secret-0123' };
const AUDITOR_KEY = 'console-sso-auditor-key-0123456789';
/** Approvals above 100.00 need a second factor: a recent multi-factor sign-in. */
const STEP_UP_ABOVE = 10_000;

interface Waiting {
  readonly accountId: string;
  readonly refundId: string;
  readonly amount: number;
  readonly approvedBy: readonly string[];
}

function singleSignOn() {
  jest.setTimeout(120_000);
  const shots = screenshotDir(join(tmpdir(), 'account-ops-console-screens'));
  let idp: TestIdentityProvider;
  let api: ApiProcess;
  let browser: Browser;
  let waiting: Waiting[] = [];
  const pages: ConsolePage[] = [];

  beforeAll(async () => {
    buildConsole();
    idp = await startTestIdentityProvider();
    const port = await freePort();
    const publicUrl = `http://127.0.0.1:${port}`;
    idp.registerClient({
      ...CLIENT,
      redirectUris: [`${publicUrl}/auth/callback`],
      postLogoutRedirectUris: [`${publicUrl}/console/sign-in?signedOut=1`],
    });
    api = await startApiProcess(
      {
        PORT: String(port),
        ACCOUNT_OPS_CARD_SECRET: CARD_SECRET,
        ACCOUNT_OPS_API_KEYS: `${AUDITOR_KEY}=au-1:auditor`,
        ACCOUNT_OPS_REFUND_APPROVAL_STEP_UP_ABOVE: String(STEP_UP_ABOVE),
        ACCOUNT_OPS_OIDC_ISSUER: idp.issuer,
        ACCOUNT_OPS_OIDC_AUDIENCE: idp.audience,
        ACCOUNT_OPS_OIDC_STEP_UP_ACR: TEST_ACR_MFA,
        ACCOUNT_OPS_OIDC_CLIENT_ID: CLIENT.clientId,
        ACCOUNT_OPS_OIDC_CLIENT_SECRET: CLIENT.clientSecret,
        ACCOUNT_OPS_OIDC_CONSOLE_SCOPE: 'openid profile api',
        ACCOUNT_OPS_PUBLIC_URL: publicUrl,
      },
      async (file) => {
        await seedLargeStore(file, CARD_SECRET, 200);
      },
    );
    const auditor = apiAs(api.url, AUDITOR_KEY);
    const frozen = new Set(
      ((await auditor.get('/ops/frozen-accounts')).items as { accountId: string }[]).map(
        (a) => a.accountId,
      ),
    );
    const queue = await auditor.get('/ops/refunds');
    waiting = (queue.items as Waiting[]).filter(
      (r) => r.approvedBy.length === 0 && !frozen.has(r.accountId),
    );
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await api?.stop();
    await idp?.close();
  });

  async function tab(): Promise<ConsolePage> {
    const page = await ConsolePage.open(browser, api.url);
    pages.push(page);
    return page;
  }

  /** The provider's own login page: username, password and (for MFA) the one-time code. */
  async function providerLogin(page: ConsolePage, username: string, otp = ''): Promise<void> {
    await page.page.waitForURL((url) => url.href.startsWith(`${idp.issuer}/interaction/`));
    await page.page.fill('input[name=username]', username);
    await page.page.fill('input[name=password]', `${username}-password`);
    if (otp) await page.page.fill('input[name=otp]', otp);
    await page.page.click('button:has-text("Sign in")');
  }

  async function signIn(page: ConsolePage, username: string, at = '/'): Promise<void> {
    await page.goto(at);
    await page.page.click('a:has-text("Sign in with single sign-on")');
    await providerLogin(page, username);
    await page.page.waitForSelector('header .who-actor');
  }

  const small = () => waiting.find((r) => r.amount <= STEP_UP_ABOVE)!;
  const large = () => waiting.find((r) => r.amount > STEP_UP_ABOVE && r.amount < 500_000)!;

  it('offers single sign-on; the approver signs in at the provider’s login page; no token reaches the page', async () => {
    const page = await tab();
    await page.goto('/');
    await page.heading('Account Ops console');
    await page.page.locator('a:has-text("Sign in with single sign-on")').waitFor();
    expect({ violations: await page.violations() }).toEqual({ violations: [] });
    await page.screenshot(shots, 'sign-in-sso');
    await page.page.click('a:has-text("Sign in with single sign-on")');
    await providerLogin(page, 'ann');
    await page.page.waitForSelector('header .who-actor');
    expect(await page.text('header .who-actor')).toBe('oidc-approver-1');
    expect(await page.text('header .who-roles')).toBe('approver');
    const stored = await page.page.evaluate(() => ({
      cookie: document.cookie,
      session: Object.values(sessionStorage),
      local: Object.values(localStorage),
    }));
    // The session cookie is httpOnly: the page cannot read it; nothing else is stored.
    expect(stored).toEqual({ cookie: '', session: [], local: [] });
    // (The provider's own cookies share the host 127.0.0.1: cookies ignore ports.)
    const cookies = (await page.context.cookies(api.url)).filter((c) => c.name.startsWith('aos-'));
    expect(cookies.map((c) => [c.name, c.httpOnly, c.sameSite])).toEqual([
      ['aos-session', true, 'Strict'],
    ]);
  });

  it('works the queue through the session: approves a small refund', async () => {
    const page = pages[0]!;
    const { accountId, refundId } = small();
    await page.goto(`/queue/${accountId}/${refundId}`);
    await page.heading(`Refund ${refundId} on ${accountId}`);
    await page.page.click('form.decision-form button:text-is("Approve")');
    await page.page.locator('.decision .banner-ok').waitFor();
    const approve = page.requests.find((r) => r.url().endsWith(`/${refundId}/approve`))!;
    expect(approve.headers()['authorization']).toBeUndefined();
    expect(approve.headers()['x-csrf-token']).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('a step-up approval sends the approver through the provider again (with the code), back to the same screen', async () => {
    const page = pages[0]!;
    const { accountId, refundId } = large();
    await page.goto(`/queue/${accountId}/${refundId}`);
    await page.heading(`Refund ${refundId} on ${accountId}`);
    await page.page.click('form.decision-form button:text-is("Approve")');
    const dialog = page.page.locator('dialog[open]');
    await dialog.waitFor();
    expect(await dialog.innerText()).toMatch(/needs a recent sign-in with your second factor/);
    expect({ violations: await page.violations() }).toEqual({ violations: [] });
    await page.screenshot(shots, 'step-up-sso');
    await dialog.locator('button:has-text("Sign in again")').click();
    await page.page.waitForURL((url) => url.href.startsWith(idp.issuer));
    const authorize = page.requests
      .filter((r) => r.url().startsWith(`${idp.issuer}/auth?`))
      .at(-1)!;
    const asked = new URL(authorize.url()).searchParams;
    expect([asked.get('prompt'), asked.get('max_age'), asked.get('acr_values')]).toEqual([
      'login',
      '0',
      TEST_ACR_MFA,
    ]);
    await providerLogin(page, 'ann', TEST_OTP);
    await page.heading(`Refund ${refundId} on ${accountId}`);
    expect(page.page.url()).toBe(`${api.url}/console/queue/${accountId}/${refundId}`);
    await page.page.click('form.decision-form button:text-is("Approve")');
    await page.page.locator('.decision .banner-ok').waitFor();
  });

  it('signs out at the provider too, and lands on the sign-in page', async () => {
    const page = pages[0]!;
    await page.page.click('header button:has-text("Sign out")');
    await page.page.waitForURL((url) => url.href.startsWith(idp.issuer));
    await page.page.click('button:has-text("Yes, sign me out")');
    await page.page.waitForURL(`${api.url}/console/sign-in?signedOut=1`);
    await page.page.locator('[role=status]:has-text("You signed out.")').waitFor();
    const ours = (await page.context.cookies(api.url)).filter((c) => c.name.startsWith('aos-'));
    expect(ours).toEqual([]);
    // Signed out at the provider as well: the next sign-in asks for the password again.
    await page.page.click('a:has-text("Sign in with single sign-on")');
    await page.page.waitForURL((url) => url.href.startsWith(`${idp.issuer}/interaction/`));
  });

  it('an idle session ends (its last use set 16 minutes back in the store): back to sign-in, saying why', async () => {
    const page = await tab();
    await signIn(page, 'ann', '/queue');
    // Age the session as 16 minutes of idleness would: the API process reads it from the store.
    const db = new Database(api.sqliteFile);
    const rows = db
      .prepare(`SELECT key, value FROM records WHERE collection = 'console_sessions'`)
      .all() as { key: string; value: string }[];
    const update = db.prepare(
      `UPDATE records SET value = ? WHERE collection = 'console_sessions' AND key = ?`,
    );
    for (const row of rows) {
      const value = JSON.parse(row.value) as { lastSeenAt: string };
      value.lastSeenAt = new Date(Date.now() - 16 * 60_000).toISOString();
      update.run(JSON.stringify(value), row.key);
    }
    db.close();
    await page.page.reload();
    await page.page
      .locator('[role=status]:has-text("Your session ended after a period without activity")')
      .waitFor();
    expect(page.page.url()).toMatch(/\/console\/sign-in$/);
    await page.screenshot(shots, 'session-ended');
  });

  it('an operator’s session never shows approve controls, and the server refuses a forced approval (403)', async () => {
    const page = await tab();
    await signIn(page, 'olga');
    expect(await page.text('header .who-roles')).toBe('operator');
    const { accountId, refundId } = waiting.find((r) => r !== small() && r !== large())!;
    await page.goto(`/queue/${accountId}/${refundId}`);
    await page.heading(`Refund ${refundId} on ${accountId}`);
    expect(
      await page.page.locator('button:has-text("Approve"), button:has-text("Reject")').count(),
    ).toBe(0);
    const forced = await page.page.evaluate(
      async ({ accountId, refundId }) => {
        const me = (await (await fetch('/me')).json()) as { signIn: { csrfToken: string } };
        const response = await fetch(`/accounts/${accountId}/refunds/${refundId}/approve`, {
          method: 'POST',
          headers: {
            'X-CSRF-Token': me.signIn.csrfToken,
            'Idempotency-Key': 'forced-by-operator',
            'Content-Type': 'application/json',
          },
          body: '{}',
        });
        return { status: response.status, body: (await response.json()) as { code: string } };
      },
      { accountId, refundId },
    );
    expect([forced.status, forced.body.code]).toEqual([403, 'FORBIDDEN']);
  });

  it('the provider reported no errors, and no page had a script error or CSP violation', () => {
    expect(idp.serverErrors).toEqual([]);
    expect(pages.flatMap((p) => p.problems)).toEqual([]);
  });
}
