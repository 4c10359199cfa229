import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The verifier must install and run alone: it imports nothing but node:crypto and itself. */
describe('@account-ops/evidence-verifier stands alone', () => {
  it('imports only node:crypto and its own files', () => {
    const files = (readdirSync(__dirname, { recursive: true }) as string[]).filter(
      // What the package publishes: not its specs, nor their test support (testing/, which
      // runs the Python reference), both left out of the build.
      (f) => f.endsWith('.ts') && !f.endsWith('.spec.ts') && !f.split(/[\\/]/).includes('testing'),
    );
    const imports = files.flatMap((f) =>
      [...readFileSync(join(__dirname, f), 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]!),
    );
    expect(imports.length).toBeGreaterThan(10);
    expect(imports.filter((spec) => !spec.startsWith('.') && spec !== 'node:crypto')).toEqual([]);
  });
});
