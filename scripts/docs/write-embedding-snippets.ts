import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EMBEDDING_GUIDE, renderGuide } from './embedding-snippets';

/** `npm run docs:snippets`: copies the consumer apps' regions into docs/embedding.md. */
const repo = join(__dirname, '..', '..');
const path = join(repo, EMBEDDING_GUIDE);
const { text, problems } = renderGuide(repo, readFileSync(path, 'utf8'));
for (const problem of problems)
  console.error(`${EMBEDDING_GUIDE}:${problem.line}: ${problem.message}`);
writeFileSync(path, text);
if (problems.length > 0) process.exit(1);
