/**
 * The benchmark suite (issue 9): commands through the engine, the raw SQL baseline,
 * projection replay, long-stream loads and hash-chain verification.
 *
 *   npm run bench -- [--store memory|sqlite|postgres] [--accounts 200] [--ops 25]
 *     [--concurrency 8] [--projections inline|async|off] [--workload commands,raw,…]
 *     [--long 10000,100000] [--long-kind freeze|top-up] [--json]
 *
 * See docs/benchmarks.md for what each workload measures.
 */
import { parseBenchArgs, USAGE, UsageError } from './options';
import { formatTable, toJsonObject } from './report';
import { runBench } from './run-bench';

async function main(argv: readonly string[]): Promise<number> {
  let options;
  try {
    options = parseBenchArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`bench: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  const results = await runBench(options, (result) => {
    if (options.json) console.log(JSON.stringify(toJsonObject(result, options)));
    else console.error(`${result.workload} done`);
  });
  if (!options.json) console.log(formatTable(results, options));
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error('bench failed:', error);
    process.exitCode = 1;
  },
);
