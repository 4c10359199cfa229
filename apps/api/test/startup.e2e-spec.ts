import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const MAIN = join(ROOT, 'apps', 'api', 'src', 'main.ts');

interface Exit {
  readonly code: number | null;
  readonly output: string;
}

/** Runs the `npm start` entry with `env` on top of a clean environment; it must exit by itself. */
function start(env: Record<string, string>): Promise<Exit> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', MAIN],
      {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH ?? '',
          TSX_TSCONFIG_PATH: join(ROOT, 'tsconfig.json'),
          ...env,
        },
        timeout: 60_000,
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? (error.code as number | null) : 0, output: stdout + stderr }),
    );
  });
}

describe('npm start refuses a configuration it cannot serve', () => {
  it('stops on a TOTP secret below 128 bits, naming the actor and the rule, never the secret', async () => {
    const exit = await start({
      ACCOUNT_OPS_STORE: 'memory:',
      ACCOUNT_OPS_DEVELOPMENT: '1',
      ACCOUNT_OPS_TOTP_SECRETS: 'olivia=JBSWY3DPEHPK3PXP',
      // Were the secret accepted, the API would listen here until the timeout ends the test.
      PORT: String(40_000 + Math.floor(Math.random() * 20_000)),
    });
    expect(exit.code).toBe(1);
    expect(exit.output).toMatch(
      /failed to start: ACCOUNT_OPS_TOTP_SECRETS: the TOTP secret of actor "olivia" is 80 bits long, below 128 bits/,
    );
    expect(exit.output).not.toContain('JBSWY3DPEHPK3PXP');
    expect(exit.output).not.toMatch(/listening/);
  }, 60_000);

  it('stops on a bad operating rule, naming the setting and the rule (env and file)', async () => {
    const port = () => String(40_000 + Math.floor(Math.random() * 20_000));
    // Development, as `npm start` asks for it: the rule, not the missing production keys, stops it.
    const fromEnv = await start({
      ACCOUNT_OPS_DEVELOPMENT: '1',
      ACCOUNT_OPS_STORE: 'memory:',
      ACCOUNT_OPS_REFUND_APPROVAL_SLA_HOURS: '0',
      PORT: port(),
    });
    expect(fromEnv.code).toBe(1);
    expect(fromEnv.output).toMatch(
      /failed to start: ACCOUNT_OPS_REFUND_APPROVAL_SLA_HOURS \(a refund without a decision expires this long after its request \(SPEC §4\)\): must be a positive integer/,
    );
    expect(fromEnv.output).not.toMatch(/listening/);
    const dir = mkdtempSync(join(tmpdir(), 'aos-startup-'));
    try {
      const file = join(dir, 'rules.json');
      writeFileSync(file, JSON.stringify({ topUp: { dailyMax: { JPY: -1 } } }));
      const fromFile = await start({
        ACCOUNT_OPS_DEVELOPMENT: '1',
        ACCOUNT_OPS_STORE: 'memory:',
        ACCOUNT_OPS_CONFIG: file,
        PORT: port(),
      });
      expect(fromFile.code).toBe(1);
      expect(fromFile.output).toMatch(
        /failed to start: topUp.dailyMax in the configuration file \(ACCOUNT_OPS_CONFIG\) \(largest total of top-ups per UTC day/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
  it('runs in production unless development is asked for: no keys, no start', async () => {
    const exit = await start({
      ACCOUNT_OPS_STORE: 'memory:',
      PORT: String(40_000 + Math.floor(Math.random() * 20_000)),
    });
    expect(exit.code).toBe(1);
    expect(exit.output).toMatch(/failed to start: ACCOUNT_OPS_API_KEYS is required/);
    expect(exit.output).not.toMatch(/DEVELOPMENT MODE|listening/);
  }, 60_000);

  it('refuses the compose file’s sample secrets in production, naming the variable only', async () => {
    const exit = await start({
      NODE_ENV: 'production',
      ACCOUNT_OPS_STORE: 'memory:',
      ACCOUNT_OPS_API_KEYS: 'change-me-operator-key-0001=op-1:operator',
      ACCOUNT_OPS_CARD_SECRET: 'change-me-card-fingerprint-secret',
      ACCOUNT_OPS_MASTER_KEY: 'change-me-kek-1:Q0hBTkdFLU1FLWNoYW5nZS1tZS1DSEFOR0UtTUUtMDA=',
      PORT: String(40_000 + Math.floor(Math.random() * 20_000)),
    });
    expect(exit.code).toBe(1);
    // A key in clear is refused in production before its strength is judged (issue 23).
    expect(exit.output).toMatch(
      /failed to start: ACCOUNT_OPS_API_KEYS entries 1 hold a key in clear/,
    );
    expect(exit.output).not.toMatch(/change-me-operator|listening/);
  }, 60_000);
});
