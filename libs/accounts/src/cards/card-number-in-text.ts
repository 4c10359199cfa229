import { isValidPan } from './pan';

/**
 * What may sit between the digits of a card number written by a person or pasted by an
 * attacker: white space of any kind, dashes, dots, slashes, underscores (and the other
 * connector punctuation), the middle dot, the minus sign, controls, invisible format
 * characters (zero-width space and joiners, soft hyphen, bidi controls, tags) and
 * combining marks. Checked after NFKC, which already turns full-width and other
 * compatibility digits (`４`, `⁴`, `④`) and punctuation into their plain forms.
 */
const SEPARATOR = /^[\p{White_Space}\p{Z}\p{Cc}\p{Cf}\p{M}\p{Pd}\p{Pc}./\\\u00b7\u2212\u2219]$/u;
const DECIMAL_DIGIT = /^\p{Nd}$/u;

/**
 * The value of a decimal digit of any script. Unicode guarantees that decimal digits come
 * in contiguous runs of ten from 0 to 9, so the distance to the start of the run, mod 10,
 * is the value (Arabic-Indic `٤`, Devanagari `४`… are not changed by NFKC).
 */
function digitValue(codePoint: number): number {
  let zero = codePoint;
  while (zero > 0 && DECIMAL_DIGIT.test(String.fromCodePoint(zero - 1))) zero--;
  return (codePoint - zero) % 10;
}

/**
 * The runs of digits in `text` once separators are ignored, each as plain ASCII digits.
 * Anything that is neither a digit nor a separator (a letter, `+`, `:`, `,`) ends a run.
 */
export function digitRuns(text: string): string[] {
  const runs: string[] = [];
  let run = '';
  for (const char of text.normalize('NFKC')) {
    if (DECIMAL_DIGIT.test(char)) run += String(digitValue(char.codePointAt(0)!));
    else if (!SEPARATOR.test(char)) {
      if (run !== '') runs.push(run);
      run = '';
    }
  }
  if (run !== '') runs.push(run);
  return runs;
}

/**
 * Whether text carries something that is a card number once separators are ignored: a run
 * of 12–19 digits (after NFKC, in any script) that passes the Luhn check. Free text and
 * stored header values are kept forever in a hash-chained log that cannot be cleaned, so
 * anything that could be a PAN is refused there rather than masked later. About one run of
 * 12–19 ordinary digits in ten passes Luhn by chance (a long phone number, an order number):
 * those are refused too, which is the right side to err on (docs/domain.md).
 */
export function containsCardNumber(text: string): boolean {
  return digitRuns(text).some((run) => run.length >= 12 && run.length <= 19 && isValidPan(run));
}
