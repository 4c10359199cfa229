import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const repo = join(__dirname, '..', '..');
const read = (file: string) => readFileSync(join(repo, file), 'utf8');

/** The instructions of one stage (`FROM … AS name` up to the next FROM), continuation lines joined. */
function stage(dockerfile: string, name: string): string[] {
  const lines = dockerfile
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const start = lines.findIndex((line) => new RegExp(`^FROM \\S+ AS ${name}$`, 'i').test(line));
  if (start < 0) throw new Error(`no stage ${name}`);
  const end = lines.findIndex((line, i) => i > start && line.startsWith('FROM '));
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

describe('Dockerfile: the container runs what CI proves outside Docker', () => {
  const dockerfile = read('Dockerfile');
  const build = stage(dockerfile, 'build');
  const runtime = stage(dockerfile, 'runtime');

  it('installs through scripts/prod-install.sh, the script prod-smoke.sh runs in CI', () => {
    expect(build).toContainEqual(
      expect.stringMatching(/^RUN scripts\/prod-install\.sh \/out\/app$/),
    );
    expect(read('scripts/prod-smoke.sh')).toMatch(/^\s*scripts\/prod-install\.sh "\$APP"/m);
    expect(read('.ci/run')).toMatch(/^npm run smoke:prod$/m);
    expect(runtime).toContain('COPY --from=build --chown=root:root /out/app /app');
  });

  it('starts the API with the command prod-smoke.sh starts and start:prod names', () => {
    const start = 'node dist/apps/api/src/main.js';
    expect(runtime).toContain(`CMD ${JSON.stringify(start.split(' ')).replace(/,/g, ', ')}`);
    expect(JSON.parse(read('package.json')).scripts['start:prod']).toBe(start);
    expect(read('scripts/prod-smoke.sh')).toContain(`exec ${start})`);
  });

  it('runs as a non-root user with NODE_ENV=production and a health check on /health', () => {
    expect(runtime).toContainEqual(expect.stringMatching(/^USER node$/));
    expect(runtime).toContainEqual(expect.stringMatching(/^ENV NODE_ENV=production\b/));
    expect(runtime).toContainEqual(expect.stringMatching(/^HEALTHCHECK .*\/health/));
    // Nothing but the installed app reaches the runtime stage: no sources, no dev install.
    expect(runtime.filter((line) => /^(COPY|ADD) /.test(line))).toEqual([
      'COPY --from=build --chown=root:root /out/app /app',
    ]);
    expect(runtime.some((line) => /npm (ci|install)/.test(line))).toBe(false);
  });

  it('keeps installed, built and local files out of the build context', () => {
    const ignored = read('.dockerignore').split('\n');
    for (const entry of ['**/node_modules', '**/dist', '.git', 'data', '*.master-key', '.env']) {
      expect(ignored).toContain(entry);
    }
  });

  it('is the image deploy/docker-compose.yml runs, without a bind mount of the repository', () => {
    const compose = read('deploy/docker-compose.yml');
    const api = compose.slice(compose.indexOf('\n  api:'));
    expect(api).toMatch(/build:\s*\n\s*context: \.\.\s*\n\s*dockerfile: Dockerfile/);
    expect(api).not.toMatch(/- \.\.:\/app/);
    expect(api).not.toMatch(/npm (ci|start)/);
  });
});
