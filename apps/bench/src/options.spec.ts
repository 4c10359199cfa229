import { DEFAULT_WORKLOADS, parseBenchArgs, UsageError } from './options';

const parse = (argv: string[], env: Record<string, string> = {}) => parseBenchArgs(argv, env);

describe('parseBenchArgs', () => {
  it('defaults to the documented run', () => {
    expect(parse([])).toEqual({
      store: 'sqlite',
      accounts: 200,
      ops: 25,
      concurrency: 8,
      projections: 'inline',
      workloads: [...DEFAULT_WORKLOADS],
      long: [10000, 100000],
      longKind: 'freeze',
      projectorThread: false,
      shared: 10,
      searchAccounts: 100_000,
      pool: 10,
      replayRepeat: 1,
      json: false,
      help: false,
    });
  });

  it('reads the multi-process, pool and verify-size options', () => {
    const pg = { PG_URL: 'postgres://x/y' };
    expect(
      parse(['--store', 'postgres', '--processes', '4', '--shared', '0', '--pool', '16'], pg),
    ).toMatchObject({ processes: 4, shared: 0, pool: 16, projections: 'async' });
    expect(parse(['--verify-events', '1000000'])).toMatchObject({ verifyEvents: 1_000_000 });
    expect(parse(['--store', 'postgres', '--projector-thread'], pg)).toMatchObject({
      projectorThread: true,
    });
    expect(parse([])).not.toHaveProperty('processes');
    expect(parse([])).not.toHaveProperty('verifyEvents');
    expect(parse(['--replay-events', '1000000', '--replay-repeat', '3'])).toMatchObject({
      replayEvents: 1_000_000,
      replayRepeat: 3,
    });
    expect(parse([])).not.toHaveProperty('replayEvents');
  });

  it('reads every option', () => {
    const options = parse(
      [
        '--store=memory',
        '--accounts',
        '4000',
        '--ops',
        '250',
        '--concurrency',
        '16',
        '--projections',
        'off',
        '--workload',
        'verify,commands',
        '--long',
        '500',
        '--long-kind',
        'top-up',
        '--json',
      ],
      {},
    );
    expect(options).toMatchObject({
      store: 'memory',
      accounts: 4000,
      ops: 250,
      concurrency: 16,
      projections: 'off',
      long: [500],
      longKind: 'top-up',
      json: true,
    });
    // Run order, not the order given.
    expect(options.workloads).toEqual(['commands', 'verify']);
  });

  it('projects async by default where inline is impossible', () => {
    expect(parse(['--store', 'memory']).projections).toBe('async');
    expect(parse(['--store', 'postgres'], { PG_URL: 'postgres://x/y' })).toMatchObject({
      projections: 'async',
      pgUrl: 'postgres://x/y',
    });
  });

  it.each([
    [['--foo'], /Unknown option '--foo'/],
    [['extra'], /Unexpected argument 'extra'/],
    [['--accounts'], /--accounts <value>' argument missing/],
    [['--json=yes'], /--json' does not take an argument/],
    [['--store', 'mysql'], /--store must be one of memory, sqlite, postgres \(got "mysql"\)/],
    [['--accounts', '0'], /--accounts must be an integer ≥ 1 \(got "0"\)/],
    [['--ops', '2.5'], /--ops must be an integer/],
    [['--concurrency', '-3'], /--concurrency/],
    [['--workload', 'commands,bogus'], /--workload must be one of .* \(got "bogus"\)/],
    [['--workload', 'commands,'], /--workload has an empty item/],
    [['--long', '1'], /--long must be an integer ≥ 2/],
    [['--projections', 'sometimes'], /--projections must be one of inline, async, off/],
    [['--store', 'memory', '--projections', 'inline'], /inline needs --store sqlite/],
    [['--store', 'postgres'], /--store postgres needs PG_URL/],
    [['--processes', '2'], /--processes needs --store postgres/],
    [['--workload', 'commands,plain'], /--workload plain needs --store postgres/],
    [['--projector-thread'], /--projector-thread needs --store postgres and async/],
    [['--processes', '0'], /--processes must be an integer ≥ 1/],
    [['--pool', '0'], /--pool must be an integer ≥ 1/],
    [['--shared', 'many'], /--shared must be an integer ≥ 0/],
    [['--verify-events', 'lots'], /--verify-events must be an integer/],
  ])('refuses %j with a clear message', (argv, message) => {
    expect(() => parse(argv)).toThrow(UsageError);
    expect(() => parse(argv)).toThrow(message);
  });
});
