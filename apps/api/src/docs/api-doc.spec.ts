import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { API_PROBLEMS } from '../http/problem-codes';
import { apiDocSections, updateApiDoc } from './api-doc';

const DOC = join(__dirname, '..', '..', '..', '..', 'docs', 'api.md');
const SRC = join(__dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')
      ? [readFileSync(path, 'utf8')]
      : [];
  });
}

describe('docs/api.md', () => {
  it('is up to date with ROUTES and the error codes (run apps/api/src/docs/write-api-doc.ts)', () => {
    const doc = readFileSync(DOC, 'utf8');
    expect(updateApiDoc(doc)).toBe(doc);
  });

  it('lists every problem code the API raises, with its status', () => {
    const raised = sources(SRC)
      .join('\n')
      .matchAll(/new ApiError\(\s*(\d{3}),\s*'([A-Z_]+)'/g);
    const listed = new Map(API_PROBLEMS.map((p) => [p.code, p.status]));
    const found = [...raised].map(([, status, code]) => [code!, Number(status)] as const);
    expect(found.length).toBeGreaterThan(8);
    for (const [code, status] of found)
      expect({ code, status: listed.get(code) }).toEqual({ code, status });
  });

  it('refuses a doc without the markers', () => {
    expect(() => updateApiDoc('no markers')).toThrow(/markers/);
    expect(Object.keys(apiDocSections()).sort()).toEqual(['errors', 'routes']);
  });
});
