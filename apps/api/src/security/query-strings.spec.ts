import '../app/api.module'; // the controllers' @ValidQuery decorators register the query DTOs
import { isKnownQueryName } from '../http/query-names';
import { redactQuery, redactQueryStrings } from './query-strings';

const KEY = 'operatorkey0123456789abcdef';
const PAN = '4111111111111111';

describe('redactQuery', () => {
  it('keeps the path and the names routes read, and redacts every value', () => {
    expect(redactQuery('/audit?accountId=acc-7&limit=20')).toBe(
      '/audit?accountId=[redacted]&limit=[redacted]',
    );
    expect(redactQuery('/accounts/acc-7/events?fromVersion=1&limit=')).toBe(
      '/accounts/acc-7/events?fromVersion=[redacted]&limit=[redacted]',
    );
  });

  it('redacts names no route reads: they are the client’s text', () => {
    expect(redactQuery(`/accounts/a?api_key=${KEY}&${KEY}&${PAN}=1`)).toBe(
      '/accounts/a?[redacted]=[redacted]&[redacted]=[redacted]&[redacted]=[redacted]',
    );
    expect(redactQuery('/audit?%61ccountId=x&%E0%A4%A=y')).toBe(
      '/audit?accountId=[redacted]&[redacted]=[redacted]',
    );
  });

  it('leaves a URL without a query alone and drops a fragment', () => {
    expect(redactQuery('/accounts/acc-7')).toBe('/accounts/acc-7');
    expect(redactQuery('/audit?')).toBe('/audit?');
    expect(redactQuery(`/audit?limit=1#${KEY}`)).toBe('/audit?limit=[redacted]');
  });

  it('knows the query names of the DTOs', () => {
    for (const name of ['accountId', 'actor', 'type', 'from', 'to', 'after', 'limit', 'status'])
      expect(isKnownQueryName(name)).toBe(true);
    expect(isKnownQueryName('api_key')).toBe(false);
    expect(isKnownQueryName('constructor')).toBe(false);
  });
});

describe('redactQueryStrings', () => {
  it('redacts a query string quoted anywhere in a line, and is idempotent', () => {
    const line = `{"msg":"Cannot GET /accounts/x?token=${KEY}","err":{"stack":"at /audit?email=a@b.c "}}`;
    const once = redactQueryStrings(line);
    expect(once).toBe(
      '{"msg":"Cannot GET /accounts/x?[redacted]=[redacted]","err":{"stack":"at /audit?[redacted]=[redacted] "}}',
    );
    expect(redactQueryStrings(once)).toBe(once);
  });

  it('leaves text without a URL query alone', () => {
    const text = '{"msg":"is this right? yes","n":1}';
    expect(redactQueryStrings(text)).toBe(text);
  });
});
