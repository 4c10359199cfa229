import type { BenchStore } from '../bench-store';
import type { BenchOptions, StoreKind, Workload } from '../options';

/** What a workload measured (the report adds the run's parameters, node version and cores). */
export interface Measured {
  readonly workload: Workload;
  readonly store: StoreKind;
  readonly commandsPerSecond?: number;
  readonly eventsPerSecond?: number;
  /** rewrap: data keys re-wrapped per second. */
  readonly keysPerSecond?: number;
  /** long-stream: median load time by stream length, with and without a snapshot. */
  readonly loadMs?: Readonly<Record<string, LoadTimes>>;
  readonly p50Ms?: number;
  readonly p95Ms?: number;
  readonly p99Ms?: number;
  /** Highest RSS sampled while the workload ran (MiB). */
  readonly peakRssMb?: number;
  /** Workload-specific figures (catch-up time, overhead ratio, event counts, …). */
  readonly [detail: string]: unknown;
}

export interface LoadTimes {
  readonly snapshots: number;
  readonly noSnapshots: number;
}

/** State shared by the workloads of one run. */
export interface BenchContext {
  readonly options: BenchOptions;
  /** The store commands writes to and replay and verify read (long-stream and raw use their own). */
  readonly bench: BenchStore;
  /** Results so far, for figures that compare workloads (raw's overhead ratio). */
  readonly results: WorkloadResult[];
  /** Whether the store already holds ACCOUNTS × OPS commands' events. */
  seeded: boolean;
}

/** A workload's result with the peak RSS the runner sampled around it. */
export interface WorkloadResult extends Measured {
  readonly peakRssMb: number;
}
