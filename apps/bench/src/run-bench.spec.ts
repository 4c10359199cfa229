import { parseBenchArgs } from './options';
import { toJsonObject } from './report';
import { runBench } from './run-bench';
import type { WorkloadResult } from './workloads/workload';

/** In-process smoke run: every workload, tiny, on the embedded stores. */
describe('bench smoke', () => {
  jest.setTimeout(30_000);

  const RATE: Record<string, string> = {
    commands: 'commandsPerSecond',
    raw: 'commandsPerSecond',
    replay: 'eventsPerSecond',
    verify: 'eventsPerSecond',
    rewrap: 'keysPerSecond',
  };

  function expectDocumentedFields(result: WorkloadResult, argv: string[]): void {
    const json = JSON.parse(JSON.stringify(toJsonObject(result, parseBenchArgs(argv, {}))));
    expect(json).toMatchObject({
      workload: result.workload,
      store: result.store,
      accounts: 4,
      ops: 3,
      concurrency: 2,
      node: process.version,
    });
    expect(json.cores).toBeGreaterThan(0);
    expect(json.peakRssMb).toBeGreaterThan(0);
    if (result.workload === 'long-stream') {
      for (const times of Object.values(json.loadMs as Record<string, object>)) {
        expect(times).toEqual({
          snapshots: expect.any(Number),
          noSnapshots: expect.any(Number),
        });
        for (const ms of Object.values(times)) expect(ms).toBeGreaterThan(0);
      }
      return;
    }
    expect(json[RATE[result.workload]!]).toBeGreaterThan(0);
    if (result.workload === 'commands' || result.workload === 'raw') {
      expect(json.p50Ms).toBeGreaterThan(0);
      expect(json.p95Ms).toBeGreaterThanOrEqual(json.p50Ms);
      expect(json.p99Ms).toBeGreaterThanOrEqual(json.p95Ms);
    }
  }

  it.each([
    ['sqlite', 'inline', 'top-up'],
    ['memory', 'async', 'freeze'],
  ])('runs every workload on %s (projections %s, %s stream)', async (store, mode, kind) => {
    const argv = [
      ...['--store', store, '--accounts', '4', '--ops', '3', '--concurrency', '2'],
      ...['--projections', mode, '--long', '120', '--long-kind', kind],
    ];
    const results = await runBench(parseBenchArgs(argv, {}));
    expect(results.map((r) => r.workload)).toEqual([
      'commands',
      'raw',
      'replay',
      'long-stream',
      'verify',
      'rewrap',
    ]);
    for (const result of results) expectDocumentedFields(result, argv);
    expect(results[1]!.overheadRatio).toBeGreaterThan(0);
    expect(results[2]!.events).toBe(4 * (1 + 3));
    expect(results[4]!.events).toBe(4 * (1 + 3));
    expect(results[5]!.keys).toBe(4 * 100);
    if (mode === 'async') expect(results[0]!.catchUpMs).toBeGreaterThanOrEqual(0);
  });

  it('seeds the store for replay and verify when commands did not run', async () => {
    const argv = ['--store', 'sqlite', '--accounts', '4', '--ops', '3', '--concurrency', '2'];
    const options = parseBenchArgs(
      [...argv, '--projections', 'async', '--workload', 'verify,replay'],
      {},
    );
    const results = await runBench(options);
    expect(results.map((r) => [r.workload, r.events])).toEqual([
      ['replay', 16],
      ['verify', 16],
    ]);
  });
});
