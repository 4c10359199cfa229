import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** Text files worth compressing; images (PNG) and fonts are compressed already. */
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|map)$/;
/** Below this a compressed copy saves less than its headers cost. */
const MIN_BYTES = 1024;

/** What {@link precompress} wrote: per file, its size raw, brotli and gzip. */
export interface Precompressed {
  readonly file: string;
  readonly raw: number;
  readonly br: number;
  readonly gz: number;
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/** The files index.html loads (and index.html itself): every visit pays for these. */
function firstLoad(dir: string): Set<string> {
  const index = join(dir, 'index.html');
  const html = existsSync(index) ? readFileSync(index, 'utf8') : '';
  const referenced = [...html.matchAll(/(?:src|href)="\/console\/([^"]+)"/g)].map((m) =>
    join(dir, m[1]!),
  );
  return new Set([index, ...referenced]);
}

/**
 * Writes `file.br` and `file.gz` (gzip, level 9) beside every compressible file of the
 * build, once at build time, so the API serves them without compressing per request
 * (consoleRouter negotiates Accept-Encoding). Brotli's best quality (11) costs about
 * 1 s per 100 KB, so only what the first load fetches gets it; the chunks loaded on
 * demand (Mermaid's, ~3 MB) get quality 5: ~10 % larger, ~25 times faster to make.
 */
export function precompress(dir: string): Precompressed[] {
  const done: Precompressed[] = [];
  const best = firstLoad(dir);
  for (const file of files(dir)) {
    if (!COMPRESSIBLE.test(file)) continue;
    const raw = readFileSync(file);
    if (raw.length < MIN_BYTES) continue;
    const br = brotliCompressSync(raw, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: best.has(file) ? constants.BROTLI_MAX_QUALITY : 5,
        [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      },
    });
    const gz = gzipSync(raw, { level: 9 });
    writeFileSync(`${file}.br`, br);
    writeFileSync(`${file}.gz`, gz);
    done.push({ file, raw: raw.length, br: br.length, gz: gz.length });
  }
  return done;
}
