/**
 * JSON text with every non-ASCII character as a `\uXXXX` escape: the same value, in a
 * file of pure ASCII. Evidence bundles are saved this way, as the CLI writes them
 * (`asciiJson` of @account-ops/evidence-verifier, which the browser build does not load):
 * the offline verifier reads such a file as one-byte text, faster to decode and parse.
 */
export function asciiJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(
    /[\u0080-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
