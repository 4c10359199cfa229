/** Parsers and schemas shared by setting definitions. Messages never repeat the value. */

const INTEGER = /^\d{1,16}$/;

/** A positive (or, with `allowZero`, non-negative) safe integer from text. */
export function parseCount(text: string, allowZero = false): number {
  const value = text.trim();
  const n = Number(value);
  if (!INTEGER.test(value) || !Number.isSafeInteger(n) || (!allowZero && n === 0)) {
    throw new Error(`must be a ${allowZero ? 'non-negative' : 'positive'} integer`);
  }
  return n;
}

export const countSchema = (allowZero = false) => ({
  type: 'integer',
  minimum: allowZero ? 0 : 1,
  maximum: Number.MAX_SAFE_INTEGER,
});

/**
 * An amount rule: a value for every currency plus overrides for some (minor units differ:
 * 5,000,000 is €50,000 but ¥5,000,000). `null` switches an optional rule off.
 */
export type AmountByCurrency = { readonly default: number | null } & Readonly<
  Record<string, number | null>
>;

const CURRENCY = /^[A-Z]{3}$/;

function parseAmount(text: string, optional: boolean): number | null {
  if (optional && text.trim().toLowerCase() === 'off') return null;
  try {
    return parseCount(text, optional);
  } catch {
    throw new Error(
      optional
        ? 'must be off or a non-negative integer amount in minor units'
        : 'must be a positive integer amount in minor units',
    );
  }
}

/**
 * `5000000` or `5000000,JPY=50000000,KRW=…`: the amount for every currency, then
 * per-currency overrides (ISO-4217 codes). `off` where the rule may be switched off.
 */
export function parseAmountByCurrency(text: string, optional: boolean): AmountByCurrency {
  const [first = '', ...rest] = text.split(',');
  const result: Record<string, number | null> = { default: parseAmount(first, optional) };
  for (const entry of rest) {
    const [code = '', amount, extra] = entry.split('=');
    const currency = code.trim();
    if (!CURRENCY.test(currency) || amount === undefined || extra !== undefined) {
      throw new Error('overrides must be CUR=amount entries (e.g. 5000000,JPY=50000000)');
    }
    if (Object.hasOwn(result, currency)) throw new Error(`${currency} is given twice`);
    result[currency] = parseAmount(amount, optional);
  }
  return result as AmountByCurrency;
}

/** The file form: a number (every currency) or `{ default, JPY: …, … }`. */
export function amountByCurrencySchema(optional: boolean): Record<string, unknown> {
  const amount = optional
    ? { anyOf: [countSchema(true), { type: 'null' }, { const: 'off' }] }
    : countSchema(false);
  return {
    anyOf: [
      amount,
      {
        type: 'object',
        properties: { default: amount },
        patternProperties: { '^[A-Z]{3}$': amount },
        additionalProperties: false,
      },
    ],
  };
}

/** A file value (number, null, 'off' or object) in the AmountByCurrency form. */
export function amountByCurrencyFromFile(
  value: unknown,
  fallback: number | null,
): AmountByCurrency {
  const one = (v: unknown): number | null => (v === 'off' || v === null ? null : (v as number));
  if (typeof value !== 'object' || value === null) return { default: one(value) };
  const entries = Object.entries(value as Record<string, unknown>).map(
    ([k, v]) => [k, one(v)] as const,
  );
  return { default: fallback, ...Object.fromEntries(entries) } as AmountByCurrency;
}

export function showAmountByCurrency(value: AmountByCurrency): string {
  const shown = (v: number | null) => (v === null ? 'off' : String(v));
  const overrides = Object.entries(value)
    .filter(([k]) => k !== 'default')
    .map(([k, v]) => `${k}=${shown(v)}`);
  return [shown(value.default), ...overrides].join(',');
}
