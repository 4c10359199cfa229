import { describe, expect, it } from '@jest/globals';
import { formatMoney, parseAmount, toDecimal } from './money';

describe('money in the console', () => {
  it('turns minor units into an exact decimal for the currency', () => {
    expect(toDecimal(12_345, 'EUR')).toBe('123.45');
    expect(toDecimal(5, 'EUR')).toBe('0.05');
    expect(toDecimal(12_345, 'JPY')).toBe('12345');
    expect(toDecimal(1_234, 'BHD')).toBe('1.234');
    expect(toDecimal(Number.MAX_SAFE_INTEGER, 'EUR')).toBe('90071992547409.91');
  });

  it('formats exactly, even where a float would round', () => {
    expect(formatMoney(Number.MAX_SAFE_INTEGER, 'EUR', 'en-GB')).toBe('€90,071,992,547,409.91');
    expect(formatMoney(12_000, 'EUR', 'en-GB')).toBe('€120.00');
  });

  it('reads typed amounts into minor units without floating point', () => {
    expect(parseAmount('120', 'EUR')).toEqual({ ok: true, minor: 12_000 });
    expect(parseAmount(' 1 200.5 ', 'EUR')).toEqual({ ok: true, minor: 120_050 });
    expect(parseAmount('0.07', 'EUR')).toEqual({ ok: true, minor: 7 });
    expect(parseAmount('500', 'JPY')).toEqual({ ok: true, minor: 500 });
  });

  it.each([
    ['', 'EUR'],
    ['-5', 'EUR'],
    ['0', 'EUR'],
    ['0.00', 'EUR'],
    ['1.234', 'EUR'],
    ['1.5', 'JPY'],
    ['1e3', 'EUR'],
    ['12,50', 'EUR'],
    ['99999999999999999', 'EUR'],
  ])('refuses %j in %s', (text, currency) => {
    expect(parseAmount(text, currency).ok).toBe(false);
  });
});
