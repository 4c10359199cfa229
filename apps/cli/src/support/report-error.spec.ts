import { InvalidStoreUrl } from '@account-ops/event-store';
import { RebuildAborted, UnknownProjection } from '@account-ops/projections';
import { CommanderError, InvalidArgumentError } from 'commander';
import { CliError, ExitCode, Interrupted } from './exit-codes';
import { isoInstant, positiveInteger, sha256Hex, storePosition } from './option-parsers';
import { classifyError } from './report-error';

describe('exit codes', () => {
  it.each([
    [new CommanderError(1, 'commander.unknownOption', 'x'), ExitCode.Usage, undefined],
    [new CommanderError(0, 'commander.helpDisplayed', 'x'), ExitCode.Ok, undefined],
    [new CliError(ExitCode.NotFound, 'account a not found'), 3, 'account a not found'],
    [new InvalidStoreUrl('mysql://u:pw@h'), ExitCode.Usage, expect.not.stringContaining('pw')],
    [new UnknownProjection('nope'), ExitCode.Usage, 'no projection named nope'],
    [new RebuildAborted('audit'), 130, expect.stringContaining('unchanged')],
    [new Interrupted(), 130, expect.stringContaining('interrupted')],
    [
      Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }),
      4,
      expect.any(String),
    ],
    [Object.assign(new Error('connect failed'), { code: 'ECONNREFUSED' }), 4, expect.any(String)],
    [new TypeError('x is undefined'), ExitCode.Internal, expect.stringContaining('--debug')],
  ])('%p exits %d', (error, exitCode, message) => {
    expect(classifyError(error)).toEqual({ exitCode, message });
  });
});

describe('option parsers', () => {
  it('accept what they document', () => {
    expect(positiveInteger('12')).toBe(12);
    expect(isoInstant('2026-01-31T23:59:59Z').toISOString()).toBe('2026-01-31T23:59:59.000Z');
    expect(storePosition('42')).toEqual({ commit: 42n, prepare: 42n });
    expect(storePosition('9/7')).toEqual({ commit: 9n, prepare: 7n });
    expect(sha256Hex(`SHA256:${'AB'.repeat(32)}`)).toBe('ab'.repeat(32));
  });

  it.each([
    [positiveInteger, '0'],
    [positiveInteger, '1.5'],
    [positiveInteger, 'abc'],
    [isoInstant, '2026-01-31'],
    [isoInstant, 'yesterday'],
    [storePosition, '-1'],
    [sha256Hex, 'abc'],
  ])('refuse %p(%j) as a usage error', (parse, text) => {
    expect(() => (parse as (t: string) => unknown)(text)).toThrow(InvalidArgumentError);
  });
});
