import { parseArgs } from 'node:util';

export const STORES = ['memory', 'sqlite', 'postgres'] as const;
/** Which adapter a run measures. */
export type StoreKind = (typeof STORES)[number];

export const PROJECTION_MODES = ['inline', 'async', 'off'] as const;
/** How the read models follow the commands workload. */
export type ProjectionsMode = (typeof PROJECTION_MODES)[number];

/** Every workload, in the order a run executes them (later ones reuse earlier ones' data). */
export const WORKLOADS = [
  'commands',
  'raw',
  'plain',
  'replay',
  'long-stream',
  'verify',
  'rewrap',
  'search',
] as const;
export type Workload = (typeof WORKLOADS)[number];
/**
 * What a run without --workload measures: all but `search`, whose seeding takes minutes, and
 * `plain`, a competitor's line on PostgreSQL only.
 */
export const DEFAULT_WORKLOADS: readonly Workload[] = WORKLOADS.filter(
  (w) => w !== 'search' && w !== 'plain',
);

export const LONG_KINDS = ['freeze', 'top-up'] as const;
/** What the long stream is made of: freeze/unfreeze pairs, or top-ups initiated and settled. */
export type LongKind = (typeof LONG_KINDS)[number];

/** A validated benchmark run. */
export interface BenchOptions {
  readonly store: StoreKind;
  readonly accounts: number;
  readonly ops: number;
  readonly concurrency: number;
  readonly projections: ProjectionsMode;
  /** Deduplicated, in {@link WORKLOADS} order whatever order they were given in. */
  readonly workloads: readonly Workload[];
  /** Stream lengths (events, the account opening included) of the long-stream workload. */
  readonly long: readonly number[];
  readonly longKind: LongKind;
  /**
   * `commands` in this many engine processes on one PostgreSQL database (each with its
   * own accounts, all sharing `shared` more); undefined: in the bench's own process.
   */
  readonly processes?: number;
  /** `commands` on PostgreSQL with async read models: the projector in a worker thread. */
  readonly projectorThread: boolean;
  /** Accounts every process of `--processes` sends commands to, besides its own. */
  readonly shared: number;
  /** Connections of every PostgreSQL pool the bench opens: the store's and the raw line's. */
  readonly pool: number;
  /** Accounts the `search` workload seeds before it measures (default 100,000). */
  readonly searchAccounts: number;
  /** `verify` over a store seeded (untimed) with this many events instead of the run's. */
  readonly verifyEvents?: number;
  /** `replay` over a store seeded (untimed) with this many events instead of the run's. */
  readonly replayEvents?: number;
  /** `replay` rebuilds this many times over the same events (reports each and the median). */
  readonly replayRepeat: number;
  readonly json: boolean;
  readonly help: boolean;
  /** PostgreSQL connection string (from PG_URL), required by `--store postgres`. */
  readonly pgUrl?: string;
}

/** Bad command line: main prints the message and the usage, and exits with 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const USAGE = `usage: npm run bench -- [options]

  --store <kind>         memory | sqlite | postgres (needs PG_URL)        [sqlite]
  --accounts <n>         accounts in the commands workload                [200]
  --ops <n>              InitiateTopUp commands per account               [25]
  --concurrency <n>      accounts in flight                               [8]
  --projections <mode>   inline (SQLite only) | async | off   [inline on SQLite, else async]
  --workload <list>      comma-separated: ${WORKLOADS.join(',')}   [all but search, plain]
  --search-accounts <n>  accounts the search workload seeds               [100000]
  --long <list>          long-stream lengths in events                    [10000,100000]
  --long-kind <kind>     long stream of freeze | top-up events            [freeze]
  --projector-thread     async read models' projector in a worker thread (postgres)
  --processes <n>        commands in n engine processes on one database (postgres)
  --shared <n>           with --processes: accounts every process also writes to  [10]
  --pool <n>             connections of each PostgreSQL pool (store, raw and plain lines)  [10]
  --verify-events <n>    verify a store seeded (untimed) with n events instead
  --replay-events <n>    replay a store seeded (untimed) with n events instead
  --replay-repeat <n>    rebuild n times over the same events, report the median  [1]
  --json                 one JSON object per workload and line
  --help                 this text`;

const DEFAULTS = { store: 'sqlite', accounts: '200', ops: '25', concurrency: '8' } as const;

/**
 * Parses and validates the command line (strict: unknown options, positionals and bad
 * values are {@link UsageError}s that name the culprit). `env` supplies PG_URL.
 */
export function parseBenchArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = process.env,
): BenchOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        store: { type: 'string', default: DEFAULTS.store },
        accounts: { type: 'string', default: DEFAULTS.accounts },
        ops: { type: 'string', default: DEFAULTS.ops },
        concurrency: { type: 'string', default: DEFAULTS.concurrency },
        projections: { type: 'string' },
        workload: { type: 'string', default: DEFAULT_WORKLOADS.join(',') },
        'search-accounts': { type: 'string', default: '100000' },
        long: { type: 'string', default: '10000,100000' },
        'long-kind': { type: 'string', default: 'freeze' },
        processes: { type: 'string' },
        'projector-thread': { type: 'boolean', default: false },
        shared: { type: 'string', default: '10' },
        pool: { type: 'string', default: '10' },
        'verify-events': { type: 'string' },
        'replay-events': { type: 'string' },
        'replay-repeat': { type: 'string', default: '1' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    // node:util's messages already name the option; only the error type changes.
    throw new UsageError((error as Error).message);
  }
  const store = oneOf('--store', values.store, STORES);
  const projections = values.projections
    ? oneOf('--projections', values.projections, PROJECTION_MODES)
    : store === 'sqlite'
      ? 'inline'
      : 'async';
  if (projections === 'inline' && store !== 'sqlite') {
    throw new UsageError(
      `--projections inline needs --store sqlite (on ${store} read models can only run async)`,
    );
  }
  const pgUrl = env['PG_URL'] || undefined;
  if (store === 'postgres' && !pgUrl) {
    throw new UsageError(
      '--store postgres needs PG_URL, e.g. PG_URL=postgres://postgres@127.0.0.1:5432/test ' +
        '(the bench creates and drops its own schemas there)',
    );
  }
  const processes =
    values.processes === undefined ? undefined : positiveInt('--processes', values.processes);
  if (processes !== undefined && store !== 'postgres') {
    throw new UsageError('--processes needs --store postgres (one database shared by processes)');
  }
  if (processes !== undefined && projections === 'inline') {
    throw new UsageError('--processes runs read models async or off');
  }
  if (values['projector-thread'] && (store !== 'postgres' || projections !== 'async')) {
    throw new UsageError('--projector-thread needs --store postgres and async projections');
  }
  const requested = list('--workload', values.workload).map((w) =>
    oneOf('--workload', w, WORKLOADS),
  );
  if (requested.includes('plain') && store !== 'postgres') {
    throw new UsageError('--workload plain needs --store postgres (a plain loop over pg)');
  }
  return {
    store,
    accounts: positiveInt('--accounts', values.accounts),
    ops: positiveInt('--ops', values.ops),
    concurrency: positiveInt('--concurrency', values.concurrency),
    projections,
    workloads: WORKLOADS.filter((w) => requested.includes(w)),
    // Two events at least: the account opening and one more.
    long: list('--long', values.long).map((n) => positiveInt('--long', n, 2)),
    longKind: oneOf('--long-kind', values['long-kind'], LONG_KINDS),
    ...(processes !== undefined ? { processes } : {}),
    projectorThread: values['projector-thread'],
    shared: positiveInt('--shared', values.shared, 0),
    searchAccounts: positiveInt('--search-accounts', values['search-accounts']),
    pool: positiveInt('--pool', values.pool),
    ...(values['verify-events'] !== undefined
      ? { verifyEvents: positiveInt('--verify-events', values['verify-events']) }
      : {}),
    ...(values['replay-events'] !== undefined
      ? { replayEvents: positiveInt('--replay-events', values['replay-events'], 2) }
      : {}),
    replayRepeat: positiveInt('--replay-repeat', values['replay-repeat']),
    json: values.json,
    help: values.help,
    ...(pgUrl ? { pgUrl } : {}),
  };
}

function oneOf<T extends string>(option: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${option} must be one of ${allowed.join(', ')} (got "${value}")`);
}

function positiveInt(option: string, value: string, min = 1): number {
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < min) {
    throw new UsageError(`${option} must be an integer ≥ ${min} (got "${value}")`);
  }
  return n;
}

function list(option: string, value: string): string[] {
  const items = value.split(',').map((s) => s.trim());
  if (items.some((s) => s === '')) throw new UsageError(`${option} has an empty item: "${value}"`);
  return items;
}
