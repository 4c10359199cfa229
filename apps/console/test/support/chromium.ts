import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`); Playwright's own downloads are not used. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

/** Whether Chromium can run here, and if not, why (for a skip that says so). */
export function chromiumAvailability(): { ok: true } | { ok: false; reason: string } {
  if (!existsSync(CHROMIUM)) {
    return { ok: false, reason: `${CHROMIUM} is missing (apt-get install -y chromium)` };
  }
  const probe = spawnSync(CHROMIUM, ['--headless', '--no-sandbox', '--version'], {
    encoding: 'utf8',
    timeout: 20_000,
  });
  if (probe.status !== 0) {
    return {
      ok: false,
      reason: `${CHROMIUM} does not start: ${(probe.stderr || String(probe.error)).trim()}`,
    };
  }
  return { ok: true };
}

/**
 * `describe(name, suite)` where Chromium runs. Where it cannot, one test says why: failing
 * in CI (or with CONSOLE_BROWSER_REQUIRED=1, where the suite must run), skipped elsewhere.
 */
export function describeInChromium(name: string, suite: () => void): void {
  const availability = chromiumAvailability();
  if (availability.ok) {
    describe(name, suite);
    return;
  }
  const { reason } = availability;
  const required = process.env.CI === 'true' || process.env.CONSOLE_BROWSER_REQUIRED === '1';
  console.warn(`${name}: ${reason}`);
  describe(name, () => {
    if (required) {
      it('needs Chromium, which CI installs (.ci/run)', () => {
        throw new Error(`Chromium cannot run: ${reason}`);
      });
    } else {
      it.skip(`skipped: Chromium cannot run here — ${reason}`, () => undefined);
    }
  });
}

/**
 * Headless Chromium. Playwright gives every launch a fresh temporary profile (its own
 * `--user-data-dir`, deleted on close), so no state leaks between runs.
 */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
}
