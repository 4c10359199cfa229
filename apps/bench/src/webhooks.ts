/**
 * Webhooks (issue 28): how fast the dispatcher delivers, and what delivering costs commands.
 *
 *   npx tsx --tsconfig tsconfig.json apps/bench/src/webhooks.ts --store sqlite|postgres
 *     [--accounts 200] [--ops 25] [--concurrency 8] [--rounds 5]
 *
 * The receiver is a plain HTTP server in its own process (as another service would be),
 * answering 200 to every POST and its count to a GET; the dispatcher signs and sends as in
 * the API.
 * 1. deliveries: ACCOUNTS × OPS top-ups committed, then one endpoint (topics `*`) replayed
 *    from the start; the dispatcher runs until nothing is pending: deliveries per second.
 * 2. commands: the same top-up workload (fresh accounts each round, opened untimed) in
 *    interleaved rounds, the order of the modes rotated every round, in four modes:
 *    none       no endpoint at all;
 *    idle       an endpoint subscribed to every event, but no dispatcher anywhere (what
 *               the command path itself does for webhooks: expected equal to `none`);
 *    in-process the dispatcher beside the commands, every second (an API process with
 *               ACCOUNT_OPS_WEBHOOKS=on, the default);
 *    worker     the dispatcher in a process of its own (webhook-worker-process.ts: the
 *               loop of `account-ops webhooks deliver --watch`), as a deployment with
 *               ACCOUNT_OPS_WEBHOOKS=off on the API and one delivery worker runs.
 *    Commands per second per mode (median of the rounds, change vs `none`) and, for the
 *    two delivering modes, deliveries per second during the rounds (receiver's count).
 *    Between rounds, untimed: what is still owed is delivered and the endpoint removed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createWebhooks, LocalKeyProvider, type Webhooks } from '@account-ops/engine';
import { openBenchStore, type BenchStore } from './bench-store';
import { accountIds, benchEngine, driveTopUps, openAccounts } from './engine-driver';
import type { StoreKind } from './options';
import { median, round } from './stats';

const RECEIVER = `
let count = 0;
const server = require('node:http').createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    if (req.method === 'GET') return res.end(String(count));
    count++;
    res.writeHead(200);
    res.end();
  });
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`;

interface Receiver {
  readonly url: string;
  readonly child: ChildProcess;
  /** Webhooks received so far. */
  count(): Promise<number>;
}

/** The receiving service, in a process of its own; answers with its URL once it listens. */
async function startReceiver(): Promise<Receiver> {
  const child = spawn(process.execPath, ['-e', RECEIVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout!.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
    child.once('exit', (code) => reject(new Error(`receiver exited with ${code}`)));
  });
  const url = `http://127.0.0.1:${port}/hooks`;
  return { url, child, count: async () => Number(await (await fetch(url)).text()) };
}

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

/** Runs the dispatcher until a run queues and sends nothing; deliveries per second. */
async function drain(webhooks: Webhooks): Promise<{ delivered: number; perSecond: number }> {
  const started = process.hrtime.bigint();
  let delivered = 0;
  for (;;) {
    const report = await webhooks.dispatcher.runDue();
    delivered += report.delivered;
    if (report.queued === 0 && report.delivered === 0 && report.retrying === 0) break;
  }
  return { delivered, perSecond: delivered / seconds(started) };
}

const ROOT = join(__dirname, '../../..');

/** The delivery worker in its own process, running once it printed `ready`. */
async function startWorker(bench: BenchStore, key: Buffer): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(__dirname, 'webhook-worker-process.ts')],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        TSX_TSCONFIG_PATH: join(ROOT, 'tsconfig.json'),
        BENCH_WEBHOOK_STORE: JSON.stringify(bench.source),
        BENCH_WEBHOOK_KEY: key.toString('base64'),
        BENCH_WEBHOOK_INTERVAL_MS: '1000',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout!.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`webhook worker exited with ${code}`)));
  });
  return child;
}

/** SIGTERM: the worker finishes its pass and exits 0. */
async function stopWorker(child: ChildProcess): Promise<void> {
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const code = await exited;
  if (code !== 0) throw new Error(`webhook worker exited with ${code}`);
}

const MODES = ['none', 'idle', 'in-process', 'worker'] as const;
type Mode = (typeof MODES)[number];

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      store: { type: 'string', default: 'sqlite' },
      accounts: { type: 'string', default: '200' },
      ops: { type: 'string', default: '25' },
      concurrency: { type: 'string', default: '8' },
      rounds: { type: 'string', default: '5' },
    },
  });
  const kind = values.store as StoreKind;
  if (kind !== 'sqlite' && kind !== 'postgres') throw new Error('--store sqlite or postgres');
  const accounts = Number(values.accounts);
  const ops = Number(values.ops);
  const concurrency = Number(values.concurrency);
  const rounds = Number(values.rounds);
  const receiver = await startReceiver();
  const bench = await openBenchStore(kind, process.env.PG_URL, 'webhooks');
  try {
    const engine = benchEngine(bench.store);
    const key = randomBytes(32);
    const webhooks = await createWebhooks({
      store: bench.store,
      keyProvider: new LocalKeyProvider([{ id: 'bench', key }], 'bench'),
      settings: { development: true },
    });

    // 1. Deliveries per second, from a backlog.
    const backlog = accountIds('wh', accounts);
    await openAccounts(engine, backlog, concurrency);
    await driveTopUps(engine, { accounts: backlog, opsPerAccount: ops, concurrency });
    const first = await webhooks.endpoints.register({ url: receiver.url, topics: ['*'] });
    await webhooks.endpoints.replay(first.endpoint.id, '0');
    const deliveries = await drain(webhooks);
    await webhooks.endpoints.remove(first.endpoint.id);

    // 2. Commands per second in each mode, interleaved.
    const commands: Record<Mode, number[]> = { none: [], idle: [], 'in-process': [], worker: [] };
    const delivered: Record<Mode, number[]> = { none: [], idle: [], 'in-process': [], worker: [] };
    const runRound = async (mode: Mode, tag: string) => {
      const ids = accountIds(tag, accounts);
      await openAccounts(engine, ids, concurrency);
      const endpoint =
        mode === 'none'
          ? undefined
          : (await webhooks.endpoints.register({ url: receiver.url, topics: ['*'] })).endpoint;
      const worker = mode === 'worker' ? await startWorker(bench, key) : undefined;
      if (mode === 'in-process') webhooks.dispatcher.start(1000);
      const before = await receiver.count();
      const started = process.hrtime.bigint();
      await driveTopUps(engine, { accounts: ids, opsPerAccount: ops, concurrency });
      const elapsed = seconds(started);
      const sent = (await receiver.count()) - before;
      if (mode === 'in-process') await webhooks.dispatcher.stop();
      if (worker) await stopWorker(worker);
      if (endpoint) {
        if (mode !== 'idle') await drain(webhooks);
        await webhooks.endpoints.remove(endpoint.id);
      }
      commands[mode].push((accounts * ops) / elapsed);
      delivered[mode].push(sent / elapsed);
    };
    for (let r = 0; r < rounds; r++) {
      for (let m = 0; m < MODES.length; m++) {
        const mode = MODES[(r + m) % MODES.length]!;
        await runRound(mode, `${mode.slice(0, 2)}${r}`);
      }
    }
    const baseline = median(commands.none);
    console.log(
      JSON.stringify({
        workload: 'webhooks',
        store: kind,
        rounds,
        commandsPerRound: accounts * ops,
        backlogEvents: deliveries.delivered,
        backlogDeliveriesPerSecond: Math.round(deliveries.perSecond),
        modes: Object.fromEntries(
          MODES.map((mode) => [
            mode,
            {
              commandsPerSecond: commands[mode].map(Math.round),
              medianCommandsPerSecond: Math.round(median(commands[mode])),
              changePercent: round((median(commands[mode]) / baseline - 1) * 100, 1),
              medianDeliveriesPerSecond: Math.round(median(delivered[mode])),
            },
          ]),
        ),
      }),
    );
  } finally {
    await bench.dispose();
    receiver.child.kill();
  }
}

main().catch((error: unknown) => {
  console.error('webhooks bench failed:', error);
  process.exitCode = 1;
});
