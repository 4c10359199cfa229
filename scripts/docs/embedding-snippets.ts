import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * docs/embedding.md's code comes from the consumer apps that CI compiles and runs
 * (scripts/consumer-check.sh): every ```ts block follows a marker
 * `<!-- snippet: test/consumers/<app>/src/<file>.ts#<region> -->` naming the lines between
 * `// #region <region>` and `// #endregion <region>` in that file.
 */
export const EMBEDDING_GUIDE = 'docs/embedding.md';

const MARKER = /^<!-- snippet: (\S+?)#(\S+) -->$/;

/** The text of one region of a source file, without its region comments. */
export function regionOf(repo: string, file: string, region: string): string {
  const lines = readFileSync(join(repo, file), 'utf8').split('\n');
  const start = lines.findIndex((line) => line.trim() === `// #region ${region}`);
  const end = lines.findIndex((line) => line.trim() === `// #endregion ${region}`);
  if (start < 0 || end < start) throw new Error(`${file} has no region ${region}`);
  return lines.slice(start + 1, end).join('\n');
}

export interface GuideProblem {
  readonly line: number;
  readonly message: string;
}

/**
 * The guide with every marked block replaced by its region, and the problems found: a
 * ```ts block without a marker, or a marker not followed by a ```ts block.
 */
export function renderGuide(
  repo: string,
  guide: string,
): { text: string; problems: GuideProblem[] } {
  const lines = guide.split('\n');
  const out: string[] = [];
  const problems: GuideProblem[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const marker = MARKER.exec(line);
    if (!marker) {
      if (line.startsWith('```ts')) {
        problems.push({ line: i + 1, message: 'a ```ts block without a snippet marker' });
      }
      out.push(line);
      continue;
    }
    out.push(line);
    if (lines[i + 1] !== '```ts') {
      problems.push({ line: i + 1, message: 'a snippet marker not followed by a ```ts block' });
      continue;
    }
    const close = lines.indexOf('```', i + 2);
    if (close < 0) {
      problems.push({ line: i + 1, message: 'an unclosed ```ts block' });
      continue;
    }
    const [, file = '', region = ''] = marker;
    out.push('```ts', regionOf(repo, file, region), '```');
    i = close;
  }
  return { text: out.join('\n'), problems };
}
