/**
 * Medians of a bench-table.sh results file (JSON lines tagged tree, round, run): one
 * Markdown row per measurement, before and after, each engine figure with the raw line of
 * its own runs and the ratio engine ÷ raw.
 *
 *   npx tsx scripts/bench-table-summary.ts bench-results/<file>.jsonl
 */
import { readFileSync } from 'node:fs';

type Line = Record<string, unknown> & {
  tree: string;
  round: number;
  run: string;
  workload: string;
};

const file = process.argv[2];
if (!file) {
  console.error('usage: bench-table-summary <results.jsonl>');
  process.exit(2);
}
const lines = readFileSync(file, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as Line);

const median = (xs: number[]): number | undefined => {
  if (xs.length === 0) return undefined;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const fmt = (n: number | undefined, digits = 0) =>
  n === undefined ? '—' : n.toLocaleString('en', { maximumFractionDigits: digits });

/** The figures of one workload line worth a column. */
function figures(l: Line): Record<string, number> {
  const out: Record<string, number> = {};
  const put = (k: string, v: unknown) => typeof v === 'number' && (out[k] = v);
  put('rate', l.commandsPerSecond ?? l.eventsPerSecond);
  put('p99 ms', l.p99Ms);
  put('conflict retries', l.conflictRetries);
  put('gave up', l.gaveUp);
  const load = l.loadMs as Record<string, { noSnapshots: number; snapshots: number }> | undefined;
  for (const [n, t] of Object.entries(load ?? {})) {
    put(`load ${n} ev, no snapshot ms`, t.noSnapshots);
    put(`load ${n} ev, snapshot ms`, t.snapshots);
  }
  const heap = l.heapUsedTrendMb as number[] | undefined;
  if (heap?.length) put('live heap first→last MB', heap[heap.length - 1]! - heap[0]!);
  return out;
}

const keyOf = (l: Line) => `${l.run} · ${l.workload}`;
const groups = new Map<string, Map<string, Line[]>>();
for (const l of lines) {
  const byTree = groups.get(keyOf(l)) ?? new Map<string, Line[]>();
  byTree.set(l.tree, [...(byTree.get(l.tree) ?? []), l]);
  groups.set(keyOf(l), byTree);
}

console.log(
  '| run · workload | figure | before (median, n) | after (median, n) | after ÷ before |',
);
console.log('|---|---|---|---|---|');
for (const [key, byTree] of groups) {
  const names = new Set([...byTree.values()].flat().flatMap((l) => Object.keys(figures(l))));
  for (const name of names) {
    const values = (tree: string) =>
      (byTree.get(tree) ?? [])
        .map((l) => figures(l)[name])
        .filter((v): v is number => v !== undefined);
    const [b, a] = [median(values('before')), median(values('after'))];
    const ratio = a !== undefined && b ? `${(a / b).toFixed(2)}×` : '—';
    console.log(
      `| ${key} | ${name} | ${fmt(b)} (${values('before').length}) | ${fmt(a)} (${values('after').length}) | ${ratio} |`,
    );
  }
}

// Engine ÷ raw per run and tree: the comparison that survives machine drift.
console.log(
  '\n| run | tree | engine cmd/s ÷ raw cmd/s of the same runs (median of the per-run ratios) |',
);
console.log('|---|---|---|');
for (const run of new Set(lines.map((l) => l.run))) {
  for (const tree of ['before', 'after']) {
    const ratios: number[] = [];
    for (const round of new Set(lines.map((l) => l.round))) {
      const of = (w: string) =>
        lines.find(
          (l) => l.run === run && l.tree === tree && l.round === round && l.workload === w,
        );
      const engine = of('commands')?.commandsPerSecond as number | undefined;
      const raw = of('raw')?.commandsPerSecond as number | undefined;
      if (engine && raw) ratios.push(engine / raw);
    }
    if (ratios.length)
      console.log(`| ${run} | ${tree} | ${fmt(median(ratios), 2)} (${ratios.length}) |`);
  }
}
