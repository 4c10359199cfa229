import { testPgUrl } from '@account-ops/testing';
import { Client } from 'pg';
import { parseBenchArgs } from './options';
import { runBench } from './run-bench';

/**
 * The competitor's plain loop (`--workload plain`) in its own process, after the engine's
 * commands on the same PostgreSQL database: every top-up written, figures reported, its
 * schema dropped.
 */
describe('bench: the plain transaction loop in a process of its own', () => {
  jest.setTimeout(60_000);

  it('runs as many top-ups as the engine, reports the ratio, and leaves no schema behind', async () => {
    const pgUrl = testPgUrl();
    // Counted, not required to be none: a run killed earlier on this server may have left one.
    const before = await plainSchemas(pgUrl);
    const argv = ['--store', 'postgres', '--accounts', '3', '--ops', '4', '--concurrency', '2'];
    const results = await runBench(
      parseBenchArgs([...argv, '--workload', 'commands,plain'], { PG_URL: pgUrl }),
    );
    expect(results.map((r) => r.workload)).toEqual(['commands', 'plain']);
    const [engine, plain] = results;
    expect(plain).toMatchObject({ commands: 3 * 4, poolSize: 10 });
    expect(plain!.p99Ms).toBeGreaterThanOrEqual(plain!.p50Ms!);
    expect(plain!.engineRatio).toBeCloseTo(
      engine!.commandsPerSecond! / plain!.commandsPerSecond!,
      1,
    );
    expect(await plainSchemas(pgUrl)).toEqual(before);
  });
});

async function plainSchemas(pgUrl: string): Promise<string[]> {
  const client = new Client({ connectionString: pgUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ nspname: string }>(
      `SELECT nspname FROM pg_namespace WHERE nspname LIKE 'bench_plain_%' ORDER BY 1`,
    );
    return rows.map((row) => row.nspname);
  } finally {
    await client.end();
  }
}
