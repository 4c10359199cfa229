/**
 * Summarises a V8 `.cpuprofile` (node --cpu-prof): self time by function and by file,
 * idle and GC shares, and the inclusive time of chosen functions.
 *
 *   npx tsx scripts/profile-summary.ts <file.cpuprofile> [--top 25] [--inclusive name,name]
 *     [--under name]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const args = process.argv.slice(2);
const file = args[0];
if (!file) {
  console.error('usage: profile-summary <file.cpuprofile> [--top N] [--inclusive a,b]');
  process.exit(2);
}
const opt = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const top = Number(opt('--top') ?? 25);
const inclusiveNames = (opt('--inclusive') ?? '').split(',').filter(Boolean);
/** Only samples below a frame of this function name (e.g. the rebuild, not the seeding). */
const under = opt('--under');

const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const below = (id: number, name: string): boolean => {
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    if (byId.get(cur)!.callFrame.functionName === name) return true;
  }
  return false;
};
const selfUs = new Map<number, number>();
let total = 0;
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  if (under && !below(id, under)) return;
  selfUs.set(id, (selfUs.get(id) ?? 0) + dt);
  total += dt;
});

const short = (url: string): string =>
  url
    .replace(/^file:\/\//, '')
    .replace(/.*\/node_modules\//, 'nm:')
    .replace(/.*\/(apps|libs)\//, '$1/');
const label = (n: ProfileNode): string =>
  `${n.callFrame.functionName || '(anonymous)'} ${short(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;

const fnSelf = new Map<string, number>();
const fileSelf = new Map<string, number>();
for (const [id, us] of selfUs) {
  const n = byId.get(id)!;
  fnSelf.set(label(n), (fnSelf.get(label(n)) ?? 0) + us);
  const f = n.callFrame.url ? short(n.callFrame.url) : `(${n.callFrame.functionName})`;
  fileSelf.set(f, (fileSelf.get(f) ?? 0) + us);
}
const pct = (us: number): string => `${((100 * us) / total).toFixed(1)}%`;
const print = (title: string, m: Map<string, number>): void => {
  console.log(`\n${title}`);
  [...m.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .forEach(([k, us]) =>
      console.log(`${pct(us).padStart(6)}  ${(us / 1000).toFixed(0).padStart(7)} ms  ${k}`),
    );
};
console.log(`samples: ${(total / 1000).toFixed(0)} ms`);
print('self time by function', fnSelf);
print('self time by file', fileSelf);

for (const name of inclusiveNames) {
  let us = 0;
  for (const [id, t] of selfUs) if (below(id, name)) us += t;
  console.log(`inclusive ${name}: ${pct(us)} (${(us / 1000).toFixed(0)} ms)`);
}
