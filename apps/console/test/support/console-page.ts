import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { seriousViolations } from './axe';

/** Where screenshots go: `CONSOLE_SCREENSHOTS_DIR` (docs/console for `npm run console:screenshots`) or a temp dir. */
export function screenshotDir(fallback: string): string {
  const dir = process.env.CONSOLE_SCREENSHOTS_DIR || fallback;
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** A laptop-sized browser tab on the console, recording what the page asked the server. */
export class ConsolePage {
  readonly requests: Request[] = [];
  readonly problems: string[] = [];

  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    private readonly baseUrl: string,
  ) {
    page.on('request', (request) => this.requests.push(request));
    page.on('pageerror', (error) => this.problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      // A CSP violation or a script error is a failure; a failed request the app handles
      // and shows (4xx, 5xx, a dropped connection) is not.
      const text = message.text();
      if (message.type() === 'error' && !text.startsWith('Failed to load resource')) {
        this.problems.push(text);
      }
    });
  }

  static async open(browser: Browser, baseUrl: string): Promise<ConsolePage> {
    const context = await browser.newContext({
      viewport: { width: 1366, height: 768 },
      locale: 'en-GB',
      timezoneId: 'UTC',
    });
    // Any Content-Security-Policy violation (an inline script, eval, a foreign host) is
    // reported as a console error, which fails the suite.
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) =>
        console.error(`CSP violation: ${event.violatedDirective} (${event.blockedURI})`),
      );
    });
    return new ConsolePage(context, await context.newPage(), baseUrl);
  }

  goto(path: string): Promise<unknown> {
    return this.page.goto(`${this.baseUrl}/console${path}`);
  }

  async signIn(apiKey: string): Promise<void> {
    await this.goto('/sign-in');
    await this.page.fill('#api-key', apiKey);
    await this.page.click('button:has-text("Sign in")');
    await this.page.waitForSelector('header .who-actor');
  }

  /** Waits for the screen's heading (each screen focuses its h1 when it opens). */
  async heading(text: string): Promise<void> {
    await this.page.waitForSelector(`h1:has-text("${text}")`);
  }

  text(selector: string): Promise<string> {
    return this.page.locator(selector).first().innerText();
  }

  /** axe-core on the page as it is: the serious and critical violations (expected none). */
  violations() {
    return seriousViolations(this.page);
  }

  async screenshot(dir: string, name: string): Promise<void> {
    await this.page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
  }

  close(): Promise<void> {
    return this.context.close();
  }
}
