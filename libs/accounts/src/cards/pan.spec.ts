import { containsCardNumber } from './card-number-in-text';
import { cardBrand, isValidPan, passesLuhn } from './pan';

describe('PAN checks (SPEC §3: digits, 12–19 long, Luhn)', () => {
  it.each([
    ['4111111111111111', true],
    ['5555555555554444', true],
    ['378282246310005', true],
    ['4111111111111112', false],
    ['79927398713', false],
    ['411111111111111111111', false],
    ['4111-1111-1111-1111', false],
  ])('isValidPan(%s) is %s', (pan, valid) => expect(isValidPan(pan)).toBe(valid));

  it('Luhn accepts the textbook example and rejects a changed digit', () => {
    expect(passesLuhn('79927398713')).toBe(true);
    expect(passesLuhn('79927398714')).toBe(false);
  });

  it.each([
    ['4111111111111111', 'visa'],
    ['5555555555554444', 'mastercard'],
    ['2221000000000009', 'mastercard'],
    ['378282246310005', 'amex'],
    ['6200000000000005', 'unionpay'],
    ['6011111111111117', 'discover'],
    ['3530111333300000', 'jcb'],
    ['30569309025904', 'diners'],
    ['9999999999999995', 'unknown'],
  ])('the brand of %s is %s', (pan, brand) => expect(cardBrand(pan)).toBe(brand));

  it.each([
    ['card 4111 1111 1111 1111 on file', true],
    ['card 4111-1111-1111-1111', true],
    ['order 4111111111111112 (not Luhn-valid)', false],
    ['phone +86 138 0013 8000', false],
    ['no digits at all', false],
  ])('containsCardNumber(%s) is %s', (text, found) => expect(containsCardNumber(text)).toBe(found));
});
