/**
 * Whether a JSON text repeats a key within one object, compared after escapes are decoded
 * (`"amount"` and `"\u0061mount"` are the same key). `JSON.parse` keeps the last of them
 * silently (`{"amount":1,"amount":2}` → 2), so what a reviewer or a signing proxy read
 * before us could differ from what we act on. A scan, not a parse: text that is not JSON
 * is left for the parser to refuse.
 */
export function hasDuplicateKey(text: string): boolean {
  // One entry per open object or array: the keys seen so far, or null for an array.
  const stack: Array<Set<string> | null> = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '"') {
      const end = stringEnd(text, i);
      if (end < 0) return false;
      const keys = stack[stack.length - 1];
      if (keys && expectKey) {
        const key = decode(text.slice(i, end + 1));
        if (key === undefined) return false;
        if (keys.has(key)) return true;
        keys.add(key);
        expectKey = false;
      }
      i = end;
    } else if (char === '{') {
      stack.push(new Set());
      expectKey = true;
    } else if (char === '[') {
      stack.push(null);
      expectKey = false;
    } else if (char === '}' || char === ']') {
      stack.pop();
      expectKey = false;
    } else if (char === ',') {
      expectKey = stack[stack.length - 1] !== null && stack.length > 0;
    }
  }
  return false;
}

/** The index of the quote closing the string that opens at `start`, or -1. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i;
  }
  return -1;
}

function decode(literal: string): string | undefined {
  try {
    return JSON.parse(literal) as string;
  } catch {
    return undefined;
  }
}
