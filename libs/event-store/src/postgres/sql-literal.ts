/**
 * A string as an SQL literal, character for character what pg's `escapeLiteral` writes
 * (quotes doubled; with a backslash, backslashes doubled and an ` E'…'` literal, which
 * reads the same whatever `standard_conforming_strings` says), but with two regular
 * expressions instead of a concatenation per character: a group commit inlines a kilobyte
 * or more of JSON per event. Held to `escapeLiteral` by a property test.
 */
export function sqlLiteral(value: string): string {
  const hasQuote = value.includes("'");
  const hasBackslash = value.includes('\\');
  if (!hasQuote && !hasBackslash) return `'${value}'`;
  let escaped = hasQuote ? value.replace(/'/g, "''") : value;
  if (hasBackslash) escaped = escaped.replace(/\\/g, '\\\\');
  return hasBackslash ? ` E'${escaped}'` : `'${escaped}'`;
}
