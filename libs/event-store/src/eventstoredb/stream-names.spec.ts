import { InvalidEventStoreInput } from '../port/errors';
import { EsdbStreamNames } from './stream-names';

describe('EsdbStreamNames', () => {
  it('by default sees every non-system stream and filters on stream names by regex', () => {
    const names = new EsdbStreamNames();
    expect(names.filter()).toEqual({ regex: '^[^$]' });
    expect(names.isOurs('acct-1')).toBe(true);
    expect(names.isOurs('$stats-127.0.0.1:2113')).toBe(false);
    expect(names.isOurs('$$acct-1')).toBe(false);
    expect(names.isOurs('$ce-acct')).toBe(false);
    expect(names.toServer('acct-1')).toBe('acct-1');
    expect(names.fromServer('acct-1')).toBe('acct-1');
  });

  it('filters by prefixes under the namespace when given', () => {
    const names = new EsdbStreamNames('test-1:', ['acct-', 'refund-']);
    expect(names.filter()).toEqual({ prefixes: ['test-1:acct-', 'test-1:refund-'] });
    expect(names.isOurs('test-1:acct-7')).toBe(true);
    expect(names.isOurs('test-2:acct-7')).toBe(false);
    expect(names.isOurs('acct-7')).toBe(false);
    expect(names.toServer('acct-7')).toBe('test-1:acct-7');
    expect(names.fromServer('test-1:acct-7')).toBe('acct-7');
  });

  it('filters by the namespace alone when no prefixes are given', () => {
    expect(new EsdbStreamNames('t1-').filter()).toMatchObject({ prefixes: ['t1-'] });
  });

  it('refuses our stream ids that would name system streams', () => {
    const names = new EsdbStreamNames();
    expect(() => names.toServer('$settings')).toThrow(InvalidEventStoreInput);
    expect(() => names.toServer('$$acct-1')).toThrow(/must not start with "\$"/);
    // Under a namespace the server name is not a system stream.
    expect(new EsdbStreamNames('ns-').toServer('$x')).toBe('ns-$x');
  });

  it('refuses appends outside the configured prefixes, which readAll would never show', () => {
    const names = new EsdbStreamNames('', ['acct-']);
    expect(names.toServerForAppend('acct-1')).toBe('acct-1');
    expect(() => names.toServerForAppend('other-1')).toThrow(InvalidEventStoreInput);
    expect(names.toServer('other-1')).toBe('other-1');
  });

  it.each([
    ['a system namespace', '$ns', undefined],
    ['a system prefix', '', ['$ce-']],
    ['no prefixes', '', []],
  ])('refuses %s', (_label, namespace, prefixes) => {
    expect(() => new EsdbStreamNames(namespace, prefixes)).toThrow();
  });
});
