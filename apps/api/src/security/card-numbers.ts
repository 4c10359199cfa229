// A UUID is matched first and left alone: its last group can be 12 digits that pass Luhn
// (about 1 in 3000 random UUIDs), and request ids must stay intact in the log.
const CANDIDATES =
  /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|(?<!\d)\d{12,19}(?!\d)/gi;
const UUID = /^[0-9a-f]{8}-/i;

function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1 && (digit *= 2) > 9) digit -= 9;
    sum += digit;
  }
  return sum % 10 === 0;
}

/**
 * Replaces anything shaped like a card number (a contiguous run of 12–19 digits passing
 * Luhn) with `[card-number]`: the log's last line of defence. A long numeric id can be
 * masked too (one in ten pass Luhn); in a log that is the right side to err on.
 */
export function maskCardNumbers(text: string): string {
  return text.replace(CANDIDATES, (match) =>
    !UUID.test(match) && passesLuhn(match) ? '[card-number]' : match,
  );
}
