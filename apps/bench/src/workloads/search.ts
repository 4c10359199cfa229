import { createAccountOps, type AccountOps } from '@account-ops/engine';
import { openBenchStore } from '../bench-store';
import { OPERATOR } from '../engine-driver';
import { summarize } from '../stats';
import { runPool } from '../worker-pool';
import type { BenchContext, Measured } from './workload';

const SEARCH_KEY = 'bench-only-search-key-0123';
const QUERIES = 400;
const RESULT_LIMIT = 20;

// Common first names and surnames, so prefixes are shared by thousands of accounts, as in a
// real customer base (the worst case for a name search is a common first word).
const FIRST = [
  'Anna',
  'Clara',
  'Émile',
  'Jonas',
  'Lena',
  'Luca',
  'Maria',
  'Marie',
  'Mia',
  'Noah',
  'Olga',
  'Paul',
  'Sofia',
  'Tom',
  'Wei',
  'Yuki',
  'Zoë',
  'Ben',
  'Emma',
  'Finn',
];
const LAST = Array.from(
  { length: 1000 },
  (_, i) =>
    `${
      [
        'Schmidt',
        'Müller',
        'Nguyen',
        'García',
        'Kowalski',
        'Rossi',
        'Dubois',
        'Tanaka',
        'Silva',
        'Novák',
      ][i % 10]!
    }${i < 10 ? '' : i}`,
);

const nameOf = (i: number) => `${FIRST[i % FIRST.length]!} ${LAST[(i * 7919) % LAST.length]!}`;
const emailOf = (i: number) => `customer.${i}@example.com`;

/**
 * `POST /search` behind the HTTP layer: `--search-accounts` accounts (default 100,000)
 * opened through the engine (each open writes its blind-index tokens; one in ten also gets
 * a card), then QUERIES searches by full name, surname prefix, e-mail, last4 and account
 * id, each followed by the loads of up to 20 accounts found (their owner names opened with
 * the vault) — what the route does. Timed on a fresh engine (no state cached); seeding is
 * not timed.
 */
export async function runSearch(ctx: BenchContext): Promise<Measured> {
  const count = ctx.options.searchAccounts;
  const bench = await openBenchStore(ctx.options.store, ctx.options.pgUrl, 'search');
  try {
    const seeding = createAccountOps({
      store: bench.store,
      cardFingerprintSecret: 'bench-only-fingerprint-key',
      notificationSender: { send: async () => undefined },
      searchKey: SEARCH_KEY,
    });
    const seededAt = performance.now();
    await runPool(ctx.options.concurrency, count, async (i) => {
      const accountId = `s-${i}`;
      await seeding.execute({
        type: 'OpenAccount',
        accountId,
        actor: OPERATOR,
        ownerName: nameOf(i),
        ownerEmail: emailOf(i),
        currency: 'EUR',
      });
      if (i % 10 === 0) {
        await seeding.execute(
          {
            type: 'ChangeBankCard',
            accountId,
            actor: { id: 'bench-admin', roles: ['admin'] },
            cardNumber: '4111111111111111',
            holderName: 'BENCH',
            bankName: 'Bench Bank',
          },
          // Stands for a card change made with a verified second factor (SPEC §3).
          { stepUpVerifiedByHost: true },
        );
      }
    });
    const seedSeconds = (performance.now() - seededAt) / 1000;
    const ops = createAccountOps({
      store: bench.store,
      cardFingerprintSecret: 'bench-only-fingerprint-key',
      notificationSender: { send: async () => undefined },
      searchKey: SEARCH_KEY,
    });
    const latencies: number[] = [];
    const byKind: Record<string, number[]> = {};
    for (let q = 0; q < QUERIES; q++) {
      const i = (q * 104_729) % count;
      const [kind, query] = queryFor(q, i);
      const started = performance.now();
      const found = await searchLikeTheRoute(ops, query);
      const ms = performance.now() - started;
      // Names are shared (more than 20 accounts may match); an e-mail or an id is not.
      if ((kind === 'e-mail' || kind === 'account id') && !found.includes(`s-${i}`))
        throw new Error(`search by ${kind} did not find s-${i}`);
      latencies.push(ms);
      (byKind[kind] ??= []).push(ms);
    }
    const summary = summarize(latencies);
    return {
      workload: 'search',
      store: ctx.bench.kind,
      accounts: count,
      queries: summary.count,
      seedSeconds: Math.round(seedSeconds),
      p50Ms: summary.p50Ms,
      p95Ms: summary.p95Ms,
      p99Ms: summary.p99Ms,
      p95MsByKind: Object.fromEntries(
        Object.entries(byKind).map(([kind, values]) => [kind, summarize(values).p95Ms]),
      ),
    };
  } finally {
    await bench.dispose();
  }
}

function queryFor(q: number, i: number): [string, string] {
  const [first, last] = nameOf(i).split(' ') as [string, string];
  switch (q % 6) {
    case 0:
      return ['full name', `${first} ${last}`];
    case 1:
      return ['surname prefix', `${first.slice(0, 3)} ${last.slice(0, 5)}`];
    case 2:
      return ['e-mail', emailOf(i)];
    case 3:
      return ['last4', '1111'];
    case 4:
      return ['first name', first];
    default:
      return ['account id', `s-${i}`];
  }
}

/** What SearchController does: the index, the exact id, then the accounts' states. */
async function searchLikeTheRoute(ops: AccountOps, query: string): Promise<string[]> {
  const hits = await ops.search(query, RESULT_LIMIT);
  const ids = [...new Set([query, ...hits.accountIds])];
  const loaded = await Promise.all(ids.map((id) => ops.load(id)));
  return ids.filter((_, i) => loaded[i]!.state.status !== 'unopened').slice(0, RESULT_LIMIT);
}
