import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';

const REPO = resolve(__dirname, '..', '..', '..', '..');

/** A port nothing listens on now (for a server whose URL must be known before it starts). */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

export interface ApiProcess {
  readonly url: string;
  /** The SQLite file of the store (its -wal and -shm sit beside it). */
  readonly sqliteFile: string;
  /** Everything the process wrote to stdout and stderr. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * The API as `npm start` runs it — the `start` script of package.json, from the
 * repository root — on a free port, over a fresh SQLite file, with the given environment.
 * (`prestart`'s build is the caller's: the suite builds the console once beforehand.)
 */
export async function startApiProcess(
  env: Readonly<Record<string, string>>,
  /** Fills the store file before the API opens it (e.g. straight through the engine). */
  prepare?: (sqliteFile: string) => Promise<void>,
): Promise<ApiProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'aos-console-e2e-'));
  const sqliteFile = join(dir, 'console.db');
  if (prepare) await prepare(sqliteFile);
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const { scripts } = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  let output = '';
  const child: ChildProcess = spawn('sh', ['-c', `exec ${scripts.start}`], {
    cwd: REPO,
    env: {
      ...process.env,
      PATH: `${join(REPO, 'node_modules', '.bin')}${delimiter}${process.env.PATH ?? ''}`,
      NODE_ENV: 'test',
      PORT: String(port),
      ACCOUNT_OPS_STORE: `sqlite:${sqliteFile}`,
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  // Poll /health until the process answers (bounded): start-up time is not a test subject.
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`the API exited during start-up:\n${output.slice(-4000)}`);
    }
    const up = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the API did not answer /health within 60 s:\n${output.slice(-4000)}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, sqliteFile, output: () => output, stop };
}
