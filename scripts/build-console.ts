import { relative } from 'node:path';
import { buildConsole, CONSOLE_DIST } from '../apps/console/build/build-console';

/**
 * `npm run console:build [-- --force]`, and `prestart`: builds the ops console into
 * apps/console/dist unless it is already built from the same sources.
 */
try {
  const { built, ms } = buildConsole({ force: process.argv.includes('--force') });
  const where = relative(process.cwd(), CONSOLE_DIST);
  console.log(
    built
      ? `ops console built in ${(ms / 1000).toFixed(1)} s (${where})`
      : `ops console up to date (${where})`,
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
