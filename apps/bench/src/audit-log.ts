/**
 * The verifiable log (issue 27): what keeping the Merkle tree costs appends, and how fast
 * proofs, signatures and offline verification are.
 *
 *   npx tsx --tsconfig tsconfig.json apps/bench/src/audit-log.ts --store sqlite|postgres
 *     [--count 4000] [--rounds 3] [--leaves 1000000] [--account-events 10000]
 *     [--only appends,proofs,evidence] [--file F [--reuse]] [--gap 0] [--cli main.js|none]
 *     [--catch-up api|thread|worker-nice0]
 *
 * 1. appends: COUNT single-event appends (16 in flight), alternating rounds without and
 *    with the API's catch-up running beside them (every 1 s, as the API does: in a worker
 *    thread where the store allows it; `--catch-up thread` keeps it on the appends'
 *    thread, as before; `worker-nice0`: the worker at the process's CPU priority), the
 *    round with the tree second of its pair in even rounds and first in odd ones; then
 *    the tree's bytes per event.
 * 2. proofs at LEAVES leaves: a tree built in the store's records from synthetic leaves
 *    (the events are not needed for proof timing), inclusion and consistency proofs built
 *    from the tiles and verified, root and checkpoint signing.
 * 3. verify-evidence on one account of ACCOUNT_EVENTS events (--gap N: each followed by
 *    N events of other accounts, as in a busy log), bundle formats v1 and v2 interleaved
 *    over ROUNDS rounds: file size, JSON.parse, verifyEvidence, and the whole
 *    `account-ops verify-evidence` process (--cli: which main.js; see evidence-cli.ts).
 */
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  buildEvidenceBundle,
  buildEvidenceBundleV1,
  Checkpointer,
  InThreadTreeCatchUp,
  MerkleLog,
  NoteSigner,
  openTreeCatchUp,
  workerSource,
  WorkerTreeCatchUp,
  position,
  type ReadAllOptions,
  type RecordedEvent,
  SqliteEventStore,
  TILE_COLLECTION,
  type TransactionalEventStore,
} from '@account-ops/event-store';
import {
  asciiJson,
  formatCheckpoint,
  formatVerifierKey,
  verifyConsistency,
  verifyEvidence,
  verifyInclusion,
} from '@account-ops/evidence-verifier';
import { openBenchStore } from './bench-store';
import { evidenceCli, timeVerifyEvidenceProcess } from './evidence-cli';
import { median } from './stats';
import { mainThreadCpuMs } from './thread-cpu';
import type { StoreKind } from './options';

const ms = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6;
const signer = new NoteSigner('bench.example/log', generateKeyPairSync('ed25519').privateKey);

/**
 * Appends per second, and per 1,000 appends the appending thread's busy time (its event
 * loop's active time, waits for SQLite's lock included) and its CPU time (Linux): what the
 * catch-up takes from that thread, less sensitive than the rate to what else runs on a
 * shared machine.
 */
async function appendRound(store: TransactionalEventStore, count: number, tag: string) {
  let next = 0;
  const loop = performance.eventLoopUtilization();
  const cpu = mainThreadCpuMs();
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < count) {
        const i = next++;
        await store.appendToStream(
          `bench-${tag}-${i}`,
          [
            {
              type: 'Appended',
              data: { i, note: 'x'.repeat(200) },
              metadata: { actor: { id: 'bench', roles: ['system'] } },
            },
          ],
          { expectedVersion: 'no_stream' },
        );
      }
    }),
  );
  const perSecond = count / (ms(started) / 1000);
  const busyMsPer1k = (performance.eventLoopUtilization(loop).active / count) * 1000;
  const cpuMs = cpu === undefined ? undefined : mainThreadCpuMs()! - cpu;
  return { perSecond, busyMsPer1k, cpuMsPer1k: cpuMs === undefined ? 0 : (cpuMs / count) * 1000 };
}

type CatchUpWhere = 'api' | 'thread' | 'worker-nice0';

async function appends(kind: StoreKind, count: number, rounds: number, where: CatchUpWhere) {
  const { store, dispose } = await openBenchStore(kind, process.env.PG_URL, 'auditlog');
  const log = new MerkleLog(store);
  // What AuditLogService runs (openTreeCatchUp), the catch-up on this thread, or the
  // worker at the process's CPU priority.
  const source = workerSource(store);
  const tree =
    where === 'api'
      ? openTreeCatchUp(store, log)
      : where === 'worker-nice0' && source
        ? new WorkerTreeCatchUp(source, { nice: 0 })
        : new InThreadTreeCatchUp(log);
  const plain: { perSecond: number; busyMsPer1k: number; cpuMsPer1k: number }[] = [];
  const withTree: typeof plain = [];
  const plainRound = async (r: number) => {
    await tree.catchUp(); // untimed: the round starts with the tree at the head
    plain.push(await appendRound(store, count, `p${r}`));
  };
  const treeRound = async (r: number) => {
    await tree.catchUp();
    let stop = false;
    const follower = (async () => {
      while (!stop) {
        await tree.catchUp();
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    })();
    withTree.push(await appendRound(store, count, `t${r}`));
    stop = true;
    await follower;
  };
  for (let r = 0; r < rounds; r++) {
    // Which goes first alternates: the second round of a pair runs warmer.
    if (r % 2 === 0) {
      await plainRound(r);
      await treeRound(r);
    } else {
      await treeRound(r);
      await plainRound(r);
    }
  }
  const catchUpStart = process.hrtime.bigint();
  const state = await tree.catchUp();
  const tail = ms(catchUpStart);
  const tiles = await allTiles(store);
  await tree.close();
  await dispose();
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const change = (key: 'perSecond' | 'busyMsPer1k') =>
    +((median(withTree.map((x) => x[key])) / median(plain.map((x) => x[key])) - 1) * 100).toFixed(
      1,
    );
  return {
    workload: 'appends',
    store: kind,
    catchUp: tree instanceof InThreadTreeCatchUp ? 'thread' : where === 'api' ? 'worker' : where,
    plainPerSecond: plain.map((x) => Math.round(x.perSecond)),
    withTreePerSecond: withTree.map((x) => Math.round(x.perSecond)),
    medianChangePercent: change('perSecond'),
    plainBusyMsPer1k: +median(plain.map((x) => x.busyMsPer1k)).toFixed(1),
    withTreeBusyMsPer1k: +median(withTree.map((x) => x.busyMsPer1k)).toFixed(1),
    busyChangePercent: change('busyMsPer1k'),
    // Summed over the rounds, not a median: one round is a few clock ticks of CPU.
    plainMainCpuMsPer1k: +mean(plain.map((x) => x.cpuMsPer1k)).toFixed(1),
    withTreeMainCpuMsPer1k: +mean(withTree.map((x) => x.cpuMsPer1k)).toFixed(1),
    mainCpuChangePercent: +(
      (mean(withTree.map((x) => x.cpuMsPer1k)) / mean(plain.map((x) => x.cpuMsPer1k)) - 1) *
      100
    ).toFixed(1),
    treeSize: state.size,
    lastCatchUpMs: +tail.toFixed(1),
    tileBytesPerEvent: +(tiles.valueBytes / state.size).toFixed(1),
    hashBytesPerEvent: +(tiles.hashBytes / state.size).toFixed(1),
  };
}

async function allTiles(store: TransactionalEventStore) {
  let valueBytes = 0;
  let hashBytes = 0;
  let after: string | undefined;
  for (;;) {
    const page = await store.listRecords(TILE_COLLECTION, {
      limit: 1000,
      ...(after ? { keyAfter: after } : {}),
    });
    if (page.length === 0) return { valueBytes, hashBytes };
    for (const r of page) {
      // What the records table holds for the tree: key, JSON value and bytes (binary
      // tiles), or the base64 text of tiles written before them.
      valueBytes += JSON.stringify(r.value).length + r.key.length + (r.bytes?.length ?? 0);
      const text = (r.value as { h?: string }).h;
      hashBytes += r.bytes?.length ?? (text ? Buffer.from(text, 'base64').length : 0);
    }
    after = page[page.length - 1]!.key;
  }
}

/** A store whose events are synthetic (cheap leaves), with real SQLite records for the tiles. */
function syntheticStore(records: SqliteEventStore, leaves: number) {
  const event = (i: number): RecordedEvent => ({
    eventId: `e${i}`,
    streamId: `account-${i % 1000}`,
    version: 1 + Math.floor(i / 1000),
    globalPosition: position(BigInt(i + 1)),
    type: 'Synthetic',
    schemaVersion: 1,
    data: {},
    metadata: { hash: i.toString(16).padStart(64, '0') } as RecordedEvent['metadata'],
  });
  return {
    readAll: async (options: ReadAllOptions = {}) => {
      const from = Number(options.fromPosition?.commit ?? 0n);
      const to = Math.min(leaves, from + (options.maxCount ?? leaves));
      return Array.from({ length: Math.max(0, to - from) }, (_, k) => event(from + k));
    },
    getRecord: records.getRecord.bind(records),
    listRecords: records.listRecords.bind(records),
    writeRecords: records.writeRecords.bind(records),
  };
}

async function proofs(leaves: number, file: string) {
  const records = new SqliteEventStore({ filename: file, synchronous: 'NORMAL' });
  const log = new MerkleLog(syntheticStore(records, leaves), 50_000);
  const buildStart = process.hrtime.bigint();
  await log.catchUp();
  const buildSeconds = ms(buildStart) / 1000;
  const rootStart = process.hrtime.bigint();
  const root = await log.root(leaves);
  const rootMs = ms(rootStart);
  const samples = 200;
  let build = 0;
  let verify = 0;
  let consistencyBuild = 0;
  let consistencyVerify = 0;
  for (let s = 0; s < samples; s++) {
    const index = Math.floor(Math.random() * leaves);
    let t = process.hrtime.bigint();
    const path = await log.inclusionProof(index, leaves);
    build += ms(t);
    const leaf = await log.leafHash(index);
    t = process.hrtime.bigint();
    if (!verifyInclusion(leaf, index, leaves, path, root).ok) throw new Error('inclusion failed');
    verify += ms(t);
    const old = 1 + Math.floor(Math.random() * (leaves - 1));
    t = process.hrtime.bigint();
    const proof = await log.consistencyProof(old, leaves);
    consistencyBuild += ms(t);
    const oldRoot = await log.root(old);
    t = process.hrtime.bigint();
    if (!verifyConsistency(old, leaves, oldRoot, root, proof).ok)
      throw new Error('consistency failed');
    consistencyVerify += ms(t);
  }
  const text = formatCheckpoint({
    origin: signer.name,
    size: leaves,
    root,
    extensions: ['time x'],
  });
  let t = process.hrtime.bigint();
  for (let i = 0; i < 100; i++) signer.sign(text);
  const signMs = ms(t) / 100;
  const checkpointer = new Checkpointer(log, records, signer);
  t = process.hrtime.bigint();
  await checkpointer.checkpoint();
  const checkpointMs = ms(t);
  const tiles = await allTiles(records);
  await records.close();
  // The whole file holds nothing but the tree (the events are synthetic): pages included.
  const { statSync } = await import('node:fs');
  const fileBytes = statSync(file).size;
  return {
    workload: 'proofs',
    leaves,
    buildSeconds: +buildSeconds.toFixed(1),
    rootMs: +rootMs.toFixed(2),
    inclusionBuildMs: +(build / samples).toFixed(3),
    inclusionVerifyMs: +(verify / samples).toFixed(3),
    consistencyBuildMs: +(consistencyBuild / samples).toFixed(3),
    consistencyVerifyMs: +(consistencyVerify / samples).toFixed(3),
    signMs: +signMs.toFixed(3),
    checkpointWithCatchUpAndRootMs: +checkpointMs.toFixed(2),
    tileBytesPerEvent: +(tiles.valueBytes / leaves).toFixed(1),
    hashBytesPerEvent: +(tiles.hashBytes / leaves).toFixed(2),
    sqliteFileBytesPerEvent: +(fileBytes / leaves).toFixed(1),
  };
}

async function evidence(accountEvents: number, gap: number, rounds: number, cli: string) {
  const store = new SqliteEventStore({ filename: ':memory:' });
  // The account's events in runs of `step`, each run followed by `gap` other accounts'
  // events (0: the account alone, its leaves adjacent; an account of a busy log is spread).
  const step = gap > 0 ? 1 : 100;
  for (let v = 0; v < accountEvents; v += step) {
    await store.appendToStream(
      'account-big',
      Array.from({ length: step }, (_, k) => ({
        type: 'Numbered',
        data: { n: v + k, amount: 1000, currency: 'EUR', note: 'a refund note of some length' },
        metadata: { actor: { id: 'bench', roles: ['system'] } },
      })),
      { expectedVersion: v === 0 ? 'no_stream' : v },
    );
    if (gap > 0) {
      await store.appendToStream(
        `account-other-${v}`,
        Array.from({ length: gap }, (_, k) => ({
          type: 'Other',
          data: { k },
          metadata: { actor: { id: 'bench', roles: ['system'] } },
        })),
        { expectedVersion: 'no_stream' },
      );
    }
  }
  const log = new MerkleLog(store);
  const checkpoint = await new Checkpointer(log, store, signer).checkpoint();
  const request = {
    accountId: 'big',
    streamId: 'account-big',
    events: await store.readStream('account-big'),
    checkpoint,
  };
  const key = formatVerifierKey(signer.verifier);
  // Beside the bundles, to rerun `account-ops verify-evidence` on them by hand.
  writeFileSync(join(tmpdir(), 'account-ops-bench-evidence.key'), `${key}\n`);
  const formats = [
    // Each written as the tools of its version write it: v1 as UTF-8 JSON, v2 as ASCII.
    { name: 'v1', build: () => buildEvidenceBundleV1(log, request), json: JSON.stringify },
    { name: 'v2', build: () => buildEvidenceBundle(log, request), json: asciiJson },
  ].map((format) => ({
    ...format,
    file: join(tmpdir(), `account-ops-bench-evidence-${format.name}.json`),
  }));
  const results = [];
  for (const format of formats) {
    const t = process.hrtime.bigint();
    const bundle = await format.build();
    const exportMs = ms(t);
    const text = format.json(bundle);
    writeFileSync(format.file, text);
    results.push({
      format: bundle.format,
      bundleBytes: Buffer.byteLength(text),
      exportMs: +exportMs.toFixed(1),
      parseMs: [] as number[],
      verifyMs: [] as number[],
      verifyCpuMs: [] as number[],
      cliProcessMs: [] as number[],
    });
  }
  await store.close();
  // Interleaved: v1 then v2, v2 then v1, … so that a change of load hits both alike. The
  // in-process parse and verify run warm after the first round (V8 has compiled the
  // verifier); the CLI process is a cold start every time, as an auditor's run is.
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < formats.length; k++) {
      const which = round % 2 === 0 ? k : formats.length - 1 - k;
      const { file } = formats[which]!;
      const result = results[which]!;
      const text = readFileSync(file, 'utf8');
      let t = process.hrtime.bigint();
      const parsed: unknown = JSON.parse(text);
      result.parseMs.push(+ms(t).toFixed(1));
      t = process.hrtime.bigint();
      // CPU time beside the wall time: on a loaded machine the wall time mostly measures waiting.
      const cpu = process.cpuUsage();
      const verdict = verifyEvidence(parsed, signer.verifier);
      result.verifyMs.push(+ms(t).toFixed(1));
      const { user, system } = process.cpuUsage(cpu);
      result.verifyCpuMs.push(+((user + system) / 1000).toFixed(1));
      if (!verdict.ok) throw new Error(verdict.reason);
      if (cli !== 'none')
        result.cliProcessMs.push(+timeVerifyEvidenceProcess(cli, file, key).toFixed(1));
    }
  }
  return {
    workload: 'verify-evidence',
    events: accountEvents,
    gap,
    rounds,
    cli,
    // At the end of the timed rounds: 1, 5 and 15 minutes (figures under load say so).
    loadAverage: loadavg().map((l) => +l.toFixed(2)),
    results: results.map((r) => ({
      ...r,
      medianParseMs: median(r.parseMs),
      medianVerifyMs: median(r.verifyMs),
      medianCliProcessMs: r.cliProcessMs.length > 0 ? median(r.cliProcessMs) : undefined,
    })),
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    strict: true,
    options: {
      store: { type: 'string', default: 'sqlite' },
      count: { type: 'string', default: '4000' },
      rounds: { type: 'string', default: '3' },
      leaves: { type: 'string', default: '1000000' },
      'account-events': { type: 'string', default: '10000' },
      gap: { type: 'string', default: '0' },
      // verify-evidence as a process: a compiled main.js, or none (default: evidenceCli).
      cli: { type: 'string' },
      only: { type: 'string', default: 'appends,proofs,evidence' },
      file: { type: 'string', default: '/tmp/account-ops-bench-tiles.db' },
      // Keep the file's tree from an earlier run of the same --leaves (no rebuild).
      reuse: { type: 'boolean', default: false },
      'catch-up': { type: 'string', default: 'api' },
    },
  });
  const only = new Set(values.only.split(','));
  const where = values['catch-up'];
  if (where !== 'api' && where !== 'thread' && where !== 'worker-nice0') {
    throw new Error('--catch-up must be api, thread or worker-nice0');
  }
  if (only.has('appends')) {
    console.log(
      JSON.stringify(
        await appends(
          values.store as StoreKind,
          Number(values.count),
          Number(values.rounds),
          where,
        ),
      ),
    );
  }
  if (only.has('evidence'))
    console.log(
      JSON.stringify(
        await evidence(
          Number(values['account-events']),
          Number(values.gap),
          Number(values.rounds),
          values.cli === 'none' ? 'none' : evidenceCli(values.cli),
        ),
      ),
    );
  if (only.has('proofs')) {
    const { rmSync } = await import('node:fs');
    if (!values.reuse)
      for (const suffix of ['', '-wal', '-shm']) rmSync(values.file + suffix, { force: true });
    console.log(JSON.stringify(await proofs(Number(values.leaves), values.file)));
  }
}

main().catch((error: unknown) => {
  console.error('bench failed:', error);
  process.exitCode = 1;
});
