import { maskCardNumbers } from './card-numbers';

describe('maskCardNumbers', () => {
  it('masks Luhn-valid 12–19 digit runs and nothing else', () => {
    expect(maskCardNumbers('{"pan":"4111111111111111","amount":50000}')).toBe(
      '{"pan":"[card-number]","amount":50000}',
    );
    expect(maskCardNumbers('x378282246310005y')).toBe('x[card-number]y');
    expect(maskCardNumbers('4111111111111112 123456789012 2026-01-15T09:00:00.000Z')).toBe(
      '4111111111111112 123456789012 2026-01-15T09:00:00.000Z',
    );
  });
});

describe('UUIDs', () => {
  it('are never masked, even when their last group is 12 Luhn-valid digits', () => {
    const uuid = '0195e7a0-1234-7abc-8def-000000000000';
    expect(maskCardNumbers(`{"reqId":"${uuid}"}`)).toBe(`{"reqId":"${uuid}"}`);
    expect(maskCardNumbers('000000000000')).toBe('[card-number]');
  });
});
