import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../../..');
/** The shim `npx account-ops` runs: testing through it covers the tsx and alias wiring too. */
export const BIN = join(ROOT, 'bin/account-ops.js');

/** A finished CLI run: exit code and everything it printed. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function cliEnv(store: string | undefined, extraEnv: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extraEnv };
  delete env.ACCOUNT_OPS_STORE;
  delete env.TSX_TSCONFIG_PATH;
  if (store !== undefined) env.ACCOUNT_OPS_STORE = `sqlite:${store}`;
  return env;
}

/**
 * Starts a long-running CLI command (a delivery worker) as {@link runCli} runs one; the
 * caller reads its output as it comes and stops it with a signal.
 */
export function startCli(
  store: string | undefined,
  args: readonly string[],
  extraEnv: NodeJS.ProcessEnv = {},
): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [BIN, ...args], { env: cliEnv(store, extraEnv), cwd: '/' });
}

/**
 * Runs the CLI as a subprocess against `store` (a SQLite file), from a directory without
 * a tsconfig.json, as an auditor would (`extraEnv`: a master key, NODE_ENV). Resolves with
 * the exit code, never rejects on one.
 */
export function runCli(
  store: string | undefined,
  args: readonly string[],
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<CliRun> {
  const env = cliEnv(store, extraEnv);
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env, cwd: '/', timeout: 30_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? Number((error as { code?: unknown }).code ?? 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
