import { availableParallelism } from 'node:os';
import type { BenchOptions } from './options';
import type { LoadTimes, WorkloadResult } from './workloads/workload';

/**
 * One workload's result as the JSON object `--json` prints: workload and store, the
 * run's parameters, the workload's figures, then the node version and core count.
 */
export function toJsonObject(
  result: WorkloadResult,
  options: BenchOptions,
): Record<string, unknown> {
  const { workload, store, ...figures } = result;
  return {
    workload,
    store,
    accounts: options.accounts,
    ops: options.ops,
    concurrency: options.concurrency,
    projections: options.projections,
    ...figures,
    node: process.version,
    cores: availableParallelism(),
  };
}

const HEADER = [
  'workload',
  'store',
  'rate',
  'p50 ms',
  'p95 ms',
  'p99 ms',
  'peak RSS MB',
  'details',
];

/** The human report: a Markdown table, one row per workload, and the run's parameters. */
export function formatTable(results: readonly WorkloadResult[], options: BenchOptions): string {
  const rows = results.map((r) => [
    r.workload,
    r.store,
    rate(r),
    fixed(r.p50Ms),
    fixed(r.p95Ms),
    fixed(r.p99Ms),
    String(r.peakRssMb),
    details(r),
  ]);
  const widths = HEADER.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [
    `accounts ${options.accounts} × ops ${options.ops}, concurrency ${options.concurrency}, ` +
      `projections ${options.projections}; node ${process.version}, ${availableParallelism()} cores`,
    '',
    line(HEADER),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
  ].join('\n');
}

function rate(r: WorkloadResult): string {
  if (r.commandsPerSecond !== undefined) return `${r.commandsPerSecond.toLocaleString('en')} cmd/s`;
  if (r.eventsPerSecond !== undefined) return `${r.eventsPerSecond.toLocaleString('en')} ev/s`;
  if (r.keysPerSecond !== undefined) return `${r.keysPerSecond.toLocaleString('en')} keys/s`;
  return '-';
}

function fixed(ms: number | undefined): string {
  return ms === undefined ? '-' : ms.toFixed(2);
}

function details(r: WorkloadResult): string {
  const d = r as Record<string, unknown>;
  switch (r.workload) {
    case 'commands':
      return [
        d['catchUpMs'] !== undefined
          ? `acked ${Number(d['ackedPerSecond']).toLocaleString('en')} cmd/s, projections caught up ${String(d['catchUpMs'])} ms later`
          : undefined,
        `RSS ${String(d['startRssMb'])} → ${String(d['endRssMb'])} MB`,
      ]
        .filter(Boolean)
        .join('; ');
    case 'raw':
      return d['overheadRatio'] !== undefined
        ? `raw ÷ engine = ${String(d['overheadRatio'])}×`
        : '';
    case 'plain':
      return d['engineRatio'] !== undefined
        ? `engine ÷ plain loop (own process) = ${String(d['engineRatio'])}×`
        : 'plain loop in its own process';
    case 'replay':
      return `${String(d['events'])} events × ${String(d['projectionCount'])} projections`;
    case 'verify':
      return `${String(d['events'])} events in ${String(d['streams'])} streams`;
    case 'rewrap':
      return `${String(d['keys'])} data keys; rerun (all current) ${Number(d['rerunKeysPerSecond']).toLocaleString('en')} keys/s`;
    case 'long-stream':
      return `load ms, snapshot / none: ${Object.entries(r.loadMs ?? {})
        .map(([n, t]: [string, LoadTimes]) => `${n} ev ${t.snapshots} / ${t.noSnapshots}`)
        .join('; ')}`;
    case 'search':
      return `${String(d['accounts'])} accounts (measured under load), p95 by query: ${Object.entries(
        (d['p95MsByKind'] ?? {}) as Record<string, number>,
      )
        .map(([kind, ms]) => `${kind} ${ms}`)
        .join('; ')}`;
  }
}
