/** Digits after the decimal point for an ISO-4217 currency (EUR 2, JPY 0, BHD 3). */
export function minorDigits(currency: string): number {
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
        .maximumFractionDigits ?? 2
    );
  } catch {
    return 2;
  }
}

/** `12345` minor units as a decimal string, exactly: `"123.45"` for EUR. */
export function toDecimal(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  const sign = minor < 0 ? '-' : '';
  const text = String(Math.abs(Math.trunc(minor))).padStart(digits + 1, '0');
  if (digits === 0) return sign + text;
  return `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/** Minor units as money for people: `€123.45`. Exact: the decimal goes in as a string. */
export function formatMoney(minor: number, currency: string, locale?: string): string {
  try {
    const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
    // Intl formats a decimal string exactly, where a float could round at large amounts.
    return format.format(toDecimal(minor, currency) as unknown as number);
  } catch {
    return `${toDecimal(minor, currency)} ${currency}`;
  }
}

export type ParsedAmount = { ok: true; minor: number } | { ok: false; reason: string };

/**
 * An amount typed by a person (`120`, `120.5`, `1 200.00`) to positive minor units, exactly,
 * without floating point. Refuses more decimals than the currency has.
 */
export function parseAmount(text: string, currency: string): ParsedAmount {
  const digits = minorDigits(currency);
  const compact = text.replace(/[\s\u00a0_]/g, '');
  const match = /^(\d+)(?:\.(\d*))?$/.exec(compact);
  if (!match) return { ok: false, reason: 'Enter an amount such as 120.00.' };
  const fraction = match[2] ?? '';
  if (fraction.length > digits) {
    return { ok: false, reason: `At most ${digits} digits after the point for ${currency}.` };
  }
  const minor = BigInt(match[1] + fraction.padEnd(digits, '0'));
  if (minor <= 0n) return { ok: false, reason: 'The amount must be more than zero.' };
  if (minor > BigInt(Number.MAX_SAFE_INTEGER))
    return { ok: false, reason: 'That amount is too large.' };
  return { ok: true, minor: Number(minor) };
}
