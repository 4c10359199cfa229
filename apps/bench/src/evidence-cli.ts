import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

/**
 * The CLI the evidence workload times as a process: `--cli <main.js>` if given, else the
 * compiled one of this checkout (dist/, `npm run build`), else bin/account-ops.js, which
 * runs the sources through tsx (its start then includes compiling: say so with figures).
 */
export function evidenceCli(given?: string): string {
  if (given) return given;
  const compiled = join(ROOT, 'dist/apps/cli/src/main.js');
  return existsSync(compiled) ? compiled : join(ROOT, 'bin/account-ops.js');
}

/**
 * `account-ops verify-evidence <bundle> --public-key <key>` as an auditor runs it: a new
 * Node process, start, read, parse, verify and exit, timed from spawn to exit (ms).
 */
export function timeVerifyEvidenceProcess(cli: string, bundle: string, key: string): number {
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, [cli, 'verify-evidence', bundle, '--public-key', key], {
    encoding: 'utf8',
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (run.status !== 0 || !run.stdout.startsWith('evidence verified')) {
    throw new Error(`verify-evidence exited ${run.status}: ${run.stderr || run.stdout}`);
  }
  return ms;
}
