import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const RESULTS_DIR = join(__dirname, '..', 'results');

/**
 * Prints a test's figures and writes them to test/reliability/results/<name>.json
 * (git-ignored), from where docs/reliability.md takes the numbers of the full run.
 */
export function reportFigures(name: string, figures: object): void {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const record = { name, at: new Date().toISOString(), ...figures };
  writeFileSync(join(RESULTS_DIR, `${name}.json`), `${JSON.stringify(record, null, 2)}\n`);
  process.stdout.write(`\n[reliability] ${name}: ${JSON.stringify(figures)}\n`);
}
