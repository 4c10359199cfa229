/**
 * Webhooks (issue 28): how fast the dispatcher delivers, and what delivering costs commands.
 *
 *   npx tsx --tsconfig tsconfig.json apps/bench/src/webhooks.ts --store sqlite|postgres
 *     [--accounts 200] [--ops 25] [--concurrency 8] [--rounds 3]
 *
 * The receiver is a plain HTTP server in its own process (as another service would be),
 * answering 200 to every POST; the dispatcher signs and sends as in the API.
 * 1. deliveries: ACCOUNTS × OPS top-ups committed, then one endpoint (topics `*`) replayed
 *    from the start; the dispatcher runs until nothing is pending: deliveries per second.
 * 2. commands: the same top-up workload in alternating rounds, without and with the
 *    dispatcher running beside it every second (as every API process does), an endpoint
 *    subscribed to every event: commands per second and the change.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { createWebhooks, LocalKeyProvider, type Webhooks } from '@account-ops/engine';
import { openBenchStore } from './bench-store';
import { accountIds, benchEngine, driveTopUps, openAccounts } from './engine-driver';
import type { StoreKind } from './options';
import { median, round } from './stats';

const RECEIVER = `
const server = require('node:http').createServer((req, res) => {
  req.resume();
  req.on('end', () => { res.writeHead(200); res.end(); });
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`;

/** The receiving service, in a process of its own; answers with its URL once it listens. */
async function startReceiver(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['-e', RECEIVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout!.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
    child.once('exit', (code) => reject(new Error(`receiver exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}/hooks`, child };
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

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      store: { type: 'string', default: 'sqlite' },
      accounts: { type: 'string', default: '200' },
      ops: { type: 'string', default: '25' },
      concurrency: { type: 'string', default: '8' },
      rounds: { type: 'string', default: '3' },
    },
  });
  const kind = values.store as StoreKind;
  const accounts = Number(values.accounts);
  const ops = Number(values.ops);
  const concurrency = Number(values.concurrency);
  const rounds = Number(values.rounds);
  const receiver = await startReceiver();
  const bench = await openBenchStore(kind, process.env.PG_URL, 'webhooks');
  try {
    const engine = benchEngine(bench.store);
    const webhooks = await createWebhooks({
      store: bench.store,
      keyProvider: new LocalKeyProvider([{ id: 'bench', key: randomBytes(32) }], 'bench'),
      settings: { development: true },
    });

    // 1. Deliveries per second, from a backlog.
    const backlog = accountIds('wh', accounts);
    await openAccounts(engine, backlog, concurrency);
    await driveTopUps(engine, { accounts: backlog, opsPerAccount: ops, concurrency });
    const { endpoint } = await webhooks.endpoints.register({ url: receiver.url, topics: ['*'] });
    await webhooks.endpoints.replay(endpoint.id, '0');
    const deliveries = await drain(webhooks);

    // 2. Commands per second with and without the dispatcher beside them.
    const plain: number[] = [];
    const withWebhooks: number[] = [];
    const round1 = async (tag: string) => {
      const ids = accountIds(tag, accounts);
      await openAccounts(engine, ids, concurrency);
      const started = process.hrtime.bigint();
      await driveTopUps(engine, { accounts: ids, opsPerAccount: ops, concurrency });
      return (accounts * ops) / seconds(started);
    };
    for (let r = 0; r < rounds; r++) {
      plain.push(await round1(`p${r}`));
      webhooks.dispatcher.start(1000);
      withWebhooks.push(await round1(`w${r}`));
      await webhooks.dispatcher.stop();
      await drain(webhooks);
    }
    console.log(
      JSON.stringify({
        workload: 'webhooks',
        store: kind,
        backlogEvents: deliveries.delivered,
        deliveriesPerSecond: Math.round(deliveries.perSecond),
        commandsPerSecond: plain.map(Math.round),
        commandsPerSecondWithWebhooks: withWebhooks.map(Math.round),
        medianChangePercent: round((median(withWebhooks) / median(plain) - 1) * 100, 1),
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
