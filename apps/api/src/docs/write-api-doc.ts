/**
 * Regenerates the route and error tables in docs/api.md from ROUTES and the error codes:
 * `npx tsx --tsconfig tsconfig.json apps/api/src/docs/write-api-doc.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { updateApiDoc } from './api-doc';

const file = join(__dirname, '..', '..', '..', '..', 'docs', 'api.md');
const before = readFileSync(file, 'utf8');
const after = updateApiDoc(before);
writeFileSync(file, after);
process.stdout.write(after === before ? 'docs/api.md is up to date\n' : 'docs/api.md updated\n');
