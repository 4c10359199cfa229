/**
 * Values published as examples (README, docs, deploy/docker-compose.yml) or used for
 * development: anyone can read them, so production refuses them.
 */
const KNOWN_SAMPLES = new Set(
  [
    'operator-key-0123456789',
    'approver-key-0123456789',
    'admin-key-0123456789ab',
    'gateway-key-0123456789',
    'auditor-key-0123456789',
    'account-ops-development-card-secret',
    'account-ops-development-search-key',
    'JBSWY3DPEHPK3PXP',
  ].map((v) => v.toLowerCase()),
);

/** Words that mark a value as a placeholder someone forgot to replace. */
const PLACEHOLDER =
  /change[-_ ]?me|replace[-_ ]?me|placeholder|example|your[-_ ]?(key|secret)|<|…|\.\.\./i;

/** Eight or more consecutive characters in sequence (`01234567`, `abcdefgh`): typed, not drawn. */
function hasLongSequence(text: string, length = 8): boolean {
  let run = 1;
  let direction = 0;
  for (let i = 1; i < text.length; i++) {
    const step = text.charCodeAt(i) - text.charCodeAt(i - 1);
    run = (step === 1 || step === -1) && (run === 1 || step === direction) ? run + 1 : 1;
    if (run === 1 && (step === 1 || step === -1)) run = 2;
    direction = step;
    if (run >= length) return true;
  }
  return false;
}

/** Empirical Shannon entropy of the symbols, times their count: an upper bound on guessing cost. */
export function estimatedBits(symbols: ArrayLike<number>): number {
  const counts = new Map<number, number>();
  for (let i = 0; i < symbols.length; i++)
    counts.set(symbols[i]!, (counts.get(symbols[i]!) ?? 0) + 1);
  let perSymbol = 0;
  for (const count of counts.values()) {
    const p = count / symbols.length;
    perSymbol -= p * Math.log2(p);
  }
  return perSymbol * symbols.length;
}

const isPrintableAscii = (bytes: Buffer): boolean => bytes.every((b) => b >= 0x20 && b < 0x7f);

const codes = (text: string) => Array.from(text, (c) => c.codePointAt(0)!);

/** At least this many estimated bits for a text secret (16 random base64 characters have ~57). */
export const MIN_TEXT_SECRET_BITS = 48;
/** At least this many for a 32-byte key (random ones have ~150). */
export const MIN_KEY_BITS = 96;

/**
 * Why a text secret (an API key, the card-fingerprint secret) is too weak for production,
 * or undefined. The reason never quotes the value.
 */
export function weakTextSecretReason(value: string): string | undefined {
  if (value.length > 0 && new Set(value).size === 1) return 'is a single repeated character';
  if (KNOWN_SAMPLES.has(value.toLowerCase()) || PLACEHOLDER.test(value) || hasLongSequence(value))
    return 'is a published sample or placeholder value';
  if (estimatedBits(codes(value)) < MIN_TEXT_SECRET_BITS)
    return `has too little entropy (under ${MIN_TEXT_SECRET_BITS} bits by character frequency)`;
  return undefined;
}

/** Why a key-encryption key (32 bytes) is too weak for production, or undefined. */
export function weakKeyReason(key: Buffer): string | undefined {
  if (key.length > 0 && key.every((b) => b === key[0])) return 'is a single repeated byte';
  // Placeholder words are looked for only in a key that is printable text (someone pasted
  // "change-me…" as the key): in random bytes a lone `<` turns up in one key of eight.
  const text = key.toString('latin1');
  if ((isPrintableAscii(key) && PLACEHOLDER.test(text)) || hasLongSequence(text))
    return 'is a published sample or placeholder value';
  if (estimatedBits(key) < MIN_KEY_BITS)
    return `has too little entropy (under ${MIN_KEY_BITS} bits by byte frequency)`;
  return undefined;
}
