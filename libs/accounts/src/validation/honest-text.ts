/**
 * Characters that make text show something other than what it holds: bidirectional
 * controls (U+202A–U+202E, U+2066–U+2069, and the marks U+200E/U+200F/U+061C) reorder what
 * an approver reads ("refund EUR 1000 ok" on a 0.01 refund), zero-width and other format
 * characters (U+200B–U+200D, U+2060, U+FEFF, soft hyphen, tag characters) hide text or
 * split words invisibly. All of them are Unicode format characters (Cf); none belongs in a
 * note or a name. Emoji joined with U+200D are refused with them: the rule is simple.
 */
const FORMAT_CHARACTER = /\p{Cf}/u;
/** A UTF-16 surrogate not part of a pair: not a character, and not valid UTF-8 once stored. */
const LONE_SURROGATE = /\p{Cs}/u;

/** Why `text` cannot be shown honestly, or `undefined` when it can. */
export function dishonestTextReason(text: string): string | undefined {
  if (LONE_SURROGATE.test(text)) return 'must not contain unpaired surrogates';
  if (FORMAT_CHARACTER.test(text))
    return 'must not contain bidirectional controls, zero-width or other invisible format characters';
  return undefined;
}
