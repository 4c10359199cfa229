import { openBenchStore } from './bench-store';
import type { BenchOptions, Workload } from './options';
import { RssSampler } from './rss-sampler';
import { runCommands } from './workloads/commands';
import { runLongStream } from './workloads/long-stream';
import { runPlain } from './workloads/plain';
import { runRaw } from './workloads/raw';
import { runReplay } from './workloads/replay';
import { runRewrap } from './workloads/rewrap';
import { runSearch } from './workloads/search';
import { runVerify } from './workloads/verify';
import type { BenchContext, Measured, WorkloadResult } from './workloads/workload';

const RUNNERS: Record<Workload, (ctx: BenchContext) => Promise<Measured>> = {
  commands: runCommands,
  raw: runRaw,
  plain: runPlain,
  replay: runReplay,
  'long-stream': runLongStream,
  verify: runVerify,
  rewrap: runRewrap,
  search: runSearch,
};

/**
 * Runs the selected workloads in order on one throwaway store (disposed at the end, also
 * on failure) and reports each result as soon as it is known.
 */
export async function runBench(
  options: BenchOptions,
  onResult: (result: WorkloadResult) => void = () => undefined,
): Promise<WorkloadResult[]> {
  const bench = await openBenchStore(options.store, options.pgUrl, 'store', options.pool);
  const ctx: BenchContext = { options, bench, results: [], seeded: false };
  try {
    for (const workload of options.workloads) {
      const rss = new RssSampler();
      const measured = await RUNNERS[workload](ctx);
      const { peakRssMb } = rss.stop();
      const result: WorkloadResult = {
        ...measured,
        peakRssMb: Math.max(peakRssMb, measured.peakRssMb ?? 0),
      };
      ctx.results.push(result);
      onResult(result);
    }
    return ctx.results;
  } finally {
    await bench.dispose();
  }
}
