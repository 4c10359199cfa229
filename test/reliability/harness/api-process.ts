import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { GO_MESSAGE, PORT_LINE, READY_LINE } from './child-protocol';

const ROOT = join(__dirname, '../../..');
const ENTRY = join(__dirname, 'api-child.ts');
const START_TIMEOUT_MS = 60_000;

/**
 * One API child process (api-child.ts): spawned and warmed up (`spawn`: modules loaded),
 * started (`go`: store opened, API listening), SIGKILLed. Keeps the tail of its output, so
 * a failure can show what the child said last.
 */
export class ApiProcess {
  private readonly output: string[] = [];
  private stdout = '';
  private lineWaiters: Array<() => void> = [];
  private url: string | undefined;
  private readonly exited: Promise<NodeJS.Signals | number | null>;

  private constructor(private readonly child: ChildProcess) {
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => resolve(signal ?? code)),
    );
    const remember = (chunk: Buffer) => {
      this.output.push(chunk.toString('utf8'));
      if (this.output.length > 40) this.output.shift();
    };
    child.stderr!.on('data', remember);
    child.stdout!.on('data', (chunk: Buffer) => {
      remember(chunk);
      this.stdout += chunk.toString('utf8');
      this.lineWaiters.forEach((wake) => wake());
    });
  }

  /** Spawns a child and waits until its modules are loaded; it has not touched the store yet. */
  static async spawn(env: Record<string, string>): Promise<ApiProcess> {
    // `node --import tsx`, not the tsx CLI: SIGKILL must hit the process running the API.
    const child = spawn(process.execPath, ['--import', 'tsx', ENTRY], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      // The IPC channel carries GO_MESSAGE, and lets the child notice when the test run is gone.
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    const started = new ApiProcess(child);
    await started.waitFor(new RegExp(READY_LINE));
    return started;
  }

  /** Opens the store and starts the API; resolves once it listens. */
  async go(): Promise<void> {
    this.child.send(GO_MESSAGE);
    const port = await this.waitFor(new RegExp(`${PORT_LINE}(\\d+)`));
    this.url = `http://127.0.0.1:${port}`;
  }

  get baseUrl(): string {
    if (this.url === undefined) throw new Error('the API child was not started');
    return this.url;
  }

  /** The last lines the child wrote (warnings, errors), for failure messages. */
  recentOutput(): string {
    return this.output.join('');
  }

  /** SIGKILL: no shutdown hooks, no flush, as if the machine lost power. Resolves once it is gone. */
  async kill(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill('SIGKILL');
    }
    const how = await this.exited;
    if (how !== 'SIGKILL') {
      throw new Error(`API child ended with ${String(how)}, not SIGKILL: ${this.recentOutput()}`);
    }
  }

  /** Resolves with the pattern's first group once stdout matches it (bounded). */
  private waitFor(pattern: RegExp): Promise<string | undefined> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => fail('did not start in time'), START_TIMEOUT_MS);
      const fail = (why: string) => {
        clearTimeout(timer);
        reject(new Error(`API child ${why}: ${this.recentOutput()}`));
      };
      const check = () => {
        const match = pattern.exec(this.stdout);
        if (!match) return;
        clearTimeout(timer);
        this.lineWaiters = this.lineWaiters.filter((wake) => wake !== check);
        resolve(match[1]);
      };
      this.lineWaiters.push(check);
      void this.exited.then((how) => fail(`exited (${String(how)})`));
      check();
    });
  }
}
