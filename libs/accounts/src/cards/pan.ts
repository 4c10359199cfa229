/** Card brands recognised from the PAN's issuer prefix. */
export type CardBrand =
  'visa' | 'mastercard' | 'amex' | 'unionpay' | 'discover' | 'jcb' | 'diners' | 'unknown';

const BRAND_PREFIXES: ReadonlyArray<readonly [CardBrand, RegExp]> = [
  ['visa', /^4/],
  ['mastercard', /^(5[1-5]|2(2[2-9]|[3-6]\d|7[01]|720))/],
  ['amex', /^3[47]/],
  ['unionpay', /^62/],
  ['discover', /^(6011|65|64[4-9])/],
  ['jcb', /^35(2[89]|[3-8]\d)/],
  ['diners', /^3(0[0-5]|[68])/],
];

/** Luhn (mod 10) check over a string of digits. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** SPEC: digits only, 12–19 long, Luhn-valid. */
export function isValidPan(value: string): boolean {
  return /^\d{12,19}$/.test(value) && passesLuhn(value);
}

export function cardBrand(pan: string): CardBrand {
  return BRAND_PREFIXES.find(([, prefix]) => prefix.test(pan))?.[0] ?? 'unknown';
}
