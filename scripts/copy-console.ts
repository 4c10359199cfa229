import { cpSync, existsSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { CONSOLE_DIST } from '../apps/console/build/build-console';

/**
 * `npm run build`'s last step: puts the built console beside the compiled API, at
 * dist/apps/console/dist, where the compiled API's default console directory
 * (apps/api/src/console/console-files.ts, relative to its own file) points. The
 * compiled tree then mirrors the source tree and `node dist/apps/api/src/main.js`
 * serves /console with nothing else to configure.
 */
const REPO = resolve(__dirname, '..');
const target = join(REPO, 'dist', 'apps', 'console', 'dist');
if (!existsSync(join(CONSOLE_DIST, 'index.html'))) {
  console.error(
    `the console is not built (${relative(REPO, CONSOLE_DIST)}): run npm run console:build`,
  );
  process.exit(1);
}
rmSync(target, { recursive: true, force: true });
cpSync(CONSOLE_DIST, target, { recursive: true });
console.log(`ops console copied to ${relative(REPO, target)}`);
