import type { PlanTerms } from '../commands/account-commands';
import { containsCardNumber } from '../cards/card-number-in-text';
import { isValidPan } from '../cards/pan';
import { CardNumberInText, ValidationFailed } from '../errors/request-errors';
import { isId } from '../ids/id';
import { isAmount } from '../money/amount';
import { isCurrency, type Currency } from '../money/currency';
import { isIsoDate } from '../time/instant';
import { dishonestTextReason } from './honest-text';

// C0, DEL and C1 controls: invisible in UIs, dangerous in logs and CSV exports.
// eslint-disable-next-line no-control-regex -- matching them is the point
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MAX_EMAIL_LENGTH = 254;
const MAX_CYCLE_DAYS = 366;

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

export function readId(value: unknown, field: string): string {
  if (!isId(value))
    throw new ValidationFailed(
      field,
      'must be 1–128 characters of A-Z a-z 0-9 _ - . :, not only dots',
    );
  return value;
}

export function readAmount(value: unknown, field: string): number {
  if (!isAmount(value))
    throw new ValidationFailed(field, 'must be a positive safe integer of minor units');
  return value;
}

/**
 * Trimmed, non-empty, at most `max` characters, no control characters, no card number
 * (whatever separates its digits: {@link CardNumberInText}), nothing that shows other
 * than it reads (bidi controls, zero-width characters, unpaired surrogates).
 */
export function readText(value: unknown, field: string, max: number): string {
  if (typeof value !== 'string') throw new ValidationFailed(field, 'must be a string');
  const text = value.trim();
  if (text.length === 0) throw new ValidationFailed(field, 'must not be empty');
  if (text.length > max) throw new ValidationFailed(field, `must be at most ${max} characters`);
  if (CONTROL_CHARS.test(text))
    throw new ValidationFailed(field, 'must not contain control characters');
  if (containsCardNumber(text)) throw new CardNumberInText(field);
  const dishonest = dishonestTextReason(text);
  if (dishonest !== undefined) throw new ValidationFailed(field, dishonest);
  return text;
}

export function readEmail(value: unknown, field: string): string {
  const email = readText(value, field, MAX_EMAIL_LENGTH);
  if (!EMAIL.test(email)) throw new ValidationFailed(field, 'must be an email address');
  return email;
}

export function readCurrency(value: unknown, field: string): Currency {
  if (!isCurrency(value))
    throw new ValidationFailed(field, 'must be a supported ISO-4217 currency code');
  return value;
}

export function readEnum<T extends string>(value: unknown, field: string, values: readonly T[]): T {
  if (typeof value !== 'string' || !(values as readonly string[]).includes(value)) {
    throw new ValidationFailed(field, `must be one of ${values.join(', ')}`);
  }
  return value as T;
}

/** The reason never repeats the value: the error could otherwise carry a PAN into a log. */
export function readPan(value: unknown, field: string): string {
  if (typeof value !== 'string' || !isValidPan(value)) {
    throw new ValidationFailed(field, 'must be 12–19 digits that pass the Luhn check');
  }
  return value;
}

export function readPlan(value: unknown, field: string): PlanTerms {
  if (!isPlainObject(value)) throw new ValidationFailed(field, 'must be an object');
  const cycleDays = value.cycleDays;
  if (!isAmount(cycleDays) || cycleDays > MAX_CYCLE_DAYS) {
    throw new ValidationFailed(
      `${field}.cycleDays`,
      `must be an integer from 1 to ${MAX_CYCLE_DAYS}`,
    );
  }
  if (!isIsoDate(value.cycleStart))
    throw new ValidationFailed(`${field}.cycleStart`, 'must be a YYYY-MM-DD date');
  return {
    pricePerCycle: readAmount(value.pricePerCycle, `${field}.pricePerCycle`),
    cycleDays,
    cycleStart: value.cycleStart,
  };
}
