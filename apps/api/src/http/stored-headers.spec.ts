import { randomUUID } from 'node:crypto';
import { containsCardNumber } from '@account-ops/accounts';
import { headerWithCardNumber, holdsCardNumber } from './stored-headers';

describe('card numbers in stored headers', () => {
  it.each([
    ['4012888888881881'],
    ['5105-1051-0510-5100'],
    ['key.4111.1111.1111.1111'],
    ['4111_1111_1111_1111'],
  ])('%s holds one', (value) => expect(holdsCardNumber(value)).toBe(true));

  it('names the header, Idempotency-Key first', () => {
    expect(headerWithCardNumber({ 'x-request-id': '5105105105105100' })).toBe('X-Request-Id');
    expect(
      headerWithCardNumber({ 'idempotency-key': '4012888888881881', 'x-request-id': 'ok' }),
    ).toBe('Idempotency-Key');
    expect(headerWithCardNumber({ 'idempotency-key': 'k-1', 'x-request-id': 'rq-2' })).toBe(
      undefined,
    );
  });

  it('never refuses a UUID, alone or prefixed, though its digits could pass as one', () => {
    const uuids = Array.from({ length: 10_000 }, () => randomUUID());
    // Read with dashes as separators, some UUIDs would be refused: the exception matters.
    expect(uuids.filter(containsCardNumber).length).toBeGreaterThan(0);
    expect(uuids.filter((u) => holdsCardNumber(u) || holdsCardNumber(`k-${u}`))).toEqual([]);
  });
});
