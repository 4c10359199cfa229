import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EMBEDDING_GUIDE, renderGuide } from '../../scripts/docs/embedding-snippets';

const repo = join(__dirname, '..', '..');

describe('docs/embedding.md: its code is the consumer apps CI compiles and runs', () => {
  const guide = readFileSync(join(repo, EMBEDDING_GUIDE), 'utf8');

  it('has a snippet marker on every ts block and each block equals its region (npm run docs:snippets)', () => {
    const { text, problems } = renderGuide(repo, guide);
    expect(problems).toEqual([]);
    expect(guide).toContain('<!-- snippet: test/consumers/');
    expect(text).toBe(guide);
  });

  it('reports an unmarked block and a changed block', () => {
    const marked = guide.indexOf('<!-- snippet: ');
    const tampered = `${guide.slice(0, marked)}\`\`\`ts\nconst x = 1;\n\`\`\`\n\n${guide
      .slice(marked)
      .replace('```ts\n', '```ts\n// edited by hand\n')}`;
    const { text, problems } = renderGuide(repo, tampered);
    expect(problems).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/without a snippet marker/) }),
    ]);
    expect(text).not.toContain('// edited by hand');
  });
});
