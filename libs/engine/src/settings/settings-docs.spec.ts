import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ACCOUNT_SETTINGS } from './account-settings';

const ROOT = join(__dirname, '..', '..', '..', '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

describe('the operating rules are documented', () => {
  const operations = read('docs/operations.md');
  const readme = read('README.md');
  it.each(ACCOUNT_SETTINGS.map((s) => [s.env, s.key] as const))(
    '%s (%s) is in docs/operations.md and the README',
    (env, key) => {
      expect(operations).toContain(`| \`${key}\``);
      expect(operations).toContain(`\`${env}\``);
      expect(readme).toContain(`| \`${env}\``);
    },
  );
});
