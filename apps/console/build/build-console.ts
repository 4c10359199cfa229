import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { precompress } from './precompress';

/** apps/console: the Vite project (index.html, vite.config.mts, src/). */
export const CONSOLE_ROOT = resolve(__dirname, '..');
/** What the API serves at /console (ApiAppOptions.console.dir). */
export const CONSOLE_DIST = join(CONSOLE_ROOT, 'dist');

const REPO = resolve(CONSOLE_ROOT, '..', '..');
const STAMP = join(CONSOLE_DIST, '.build-digest');
// Everything the bundle is made from: the app, its build config and scripts, the domain code the
// statecharts are generated from (vite.config.mts imports it) and the locked dependencies.
const INPUTS = [
  'apps/console/index.html',
  'apps/console/vite.config.mts',
  'apps/console/build',
  'apps/console/src',
  'libs/accounts/src',
  'package-lock.json',
];

function files(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => files(join(path, name)));
}

/** A SHA-256 over the build's inputs (paths and contents; tests excluded). */
export function consoleInputsDigest(): string {
  const hash = createHash('sha256');
  for (const input of INPUTS) {
    for (const file of files(join(REPO, input))) {
      if (/\.(spec|int-spec|e2e-spec)\.ts$/.test(file)) continue;
      hash.update(relative(REPO, file)).update('\0').update(readFileSync(file)).update('\0');
    }
  }
  return hash.digest('hex');
}

/** Whether dist/ holds a build of exactly the current inputs. */
export function consoleIsBuilt(digest = consoleInputsDigest()): boolean {
  return (
    existsSync(join(CONSOLE_DIST, 'index.html')) &&
    existsSync(STAMP) &&
    readFileSync(STAMP, 'utf8') === digest
  );
}

/** Vite's own command line (its package exports no path to it). */
function viteCli(): string {
  const manifest = require.resolve('vite/package.json');
  const { bin } = JSON.parse(readFileSync(manifest, 'utf8')) as { bin: Record<string, string> };
  return join(dirname(manifest), bin.vite ?? 'bin/vite.js');
}

export interface ConsoleBuild {
  readonly built: boolean;
  readonly ms: number;
}

/**
 * Builds the console with Vite unless dist/ already holds a build of the same inputs, so
 * `npm start` rebuilds only after a change. Throws when Vite fails (its output says why).
 */
export function buildConsole(options: { readonly force?: boolean } = {}): ConsoleBuild {
  const started = Date.now();
  const digest = consoleInputsDigest();
  if (!options.force && consoleIsBuilt(digest)) return { built: false, ms: Date.now() - started };
  const vite = viteCli();
  const result = spawnSync(
    process.execPath,
    [vite, 'build', CONSOLE_ROOT, '--configLoader', 'bundle', '--logLevel', 'warn'],
    {
      cwd: REPO,
      stdio: 'inherit',
      // The config imports the domain's TypeScript sources (the statecharts): that needs the
      // bundling config loader, chosen above. Vite's notice about its future native loader
      // would only be noise on every `npm start`.
      // NODE_ENV=production always: run from a test (NODE_ENV=test) Vite would otherwise
      // bundle React's development build, 270 KB more for every visitor.
      env: { ...process.env, NODE_ENV: 'production', VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
    },
  );
  if (result.status !== 0) {
    throw new Error(
      `the console build failed (vite exited with ${result.status ?? result.signal})`,
    );
  }
  // Brotli and gzip copies beside each text file: the API serves them by Accept-Encoding.
  precompress(CONSOLE_DIST);
  writeFileSync(STAMP, digest);
  return { built: true, ms: Date.now() - started };
}
