/** What a refusal must never show: a stack frame, a source or file-system path, SQL or driver text. */
const INTERNALS: ReadonlyArray<readonly [string, RegExp]> = [
  ['stack frame', /\bat [\w$.<>]+ \(|\n\s+at /],
  ['source file', /\.(ts|js|mjs|cjs):\d+/],
  ['file-system path', /(\/work\/|\/home\/|\/tmp\/|\/usr\/|node_modules|[A-Z]:\\)/],
  ['module path', /\b(apps|libs)\/[\w-]+\/src\b/],
  [
    'SQL or driver text',
    /SQLITE_|sqlite3|\bpg_|syntax error at|relation "|duplicate key|violates|unterminated/i,
  ],
  ['exception class', /\b(TypeError|ReferenceError|RangeError|SyntaxError|URIError)\b/],
];

export interface HttpAnswer {
  readonly status: number;
  readonly text: string;
  readonly headers: Record<string, string | string[] | undefined>;
}

/** Why `res` is not a clean refusal (empty when it is): 4xx, problem+json, nothing internal. */
export function refusalFlaws(res: HttpAnswer): string[] {
  const flaws: string[] = [];
  if (res.status >= 500) flaws.push(`status ${res.status}`);
  if (res.status < 400) flaws.push(`accepted with ${res.status}`);
  const type = String(res.headers['content-type'] ?? '');
  if (!/^application\/problem\+json/.test(type)) flaws.push(`content-type "${type}"`);
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(res.text) as Record<string, unknown>;
  } catch {
    flaws.push('body is not JSON');
  }
  for (const field of ['type', 'title', 'detail', 'code'])
    if (typeof body[field] !== 'string') flaws.push(`problem without ${field}`);
  if (body.status !== res.status) flaws.push('problem status differs from the HTTP status');
  for (const [what, pattern] of INTERNALS)
    if (pattern.test(res.text)) flaws.push(`shows a ${what}`);
  return flaws;
}

/** Expect a clean refusal; on failure the message names the input and every flaw. */
export function expectCleanRefusal(res: HttpAnswer, input: string): void {
  const flaws = refusalFlaws(res);
  if (flaws.length > 0) {
    throw new Error(
      `${flaws.join('; ')}\n  input: ${input.slice(0, 300)}\n  answer: ${res.status} ${res.text.slice(0, 300)}`,
    );
  }
}
