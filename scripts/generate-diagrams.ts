/**
 * Regenerates the machine diagrams, role table and error table in docs/domain.md from the
 * code. `--check` only reports whether the file is stale (exit 1), for CI.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { updateGeneratedSections } from '../libs/accounts/src/diagrams/domain-doc';

const path = join(__dirname, '..', 'docs', 'domain.md');
const current = readFileSync(path, 'utf8');
const next = updateGeneratedSections(current);

if (process.argv.includes('--check')) {
  if (next !== current) {
    console.error('docs/domain.md is stale: run npm run docs:diagrams');
    process.exit(1);
  }
  console.log('docs/domain.md is up to date');
} else if (next !== current) {
  writeFileSync(path, next);
  console.log('docs/domain.md updated');
} else {
  console.log('docs/domain.md already up to date');
}
