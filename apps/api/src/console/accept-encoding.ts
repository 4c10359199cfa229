/**
 * The encoding to send, of `offered` (the server's order of preference), for an
 * Accept-Encoding header (RFC 9110 §12.5.3): the highest q-value wins, and on a tie the
 * server's order — so brotli beats gzip for a browser that lists `gzip, deflate, br`
 * without weights. `*` stands for every encoding not named; q=0 refuses one. Undefined
 * when none is acceptable (send the body as it is) or there is no header.
 */
export function chooseEncoding(
  header: string | undefined,
  offered: readonly string[],
): string | undefined {
  if (!header) return undefined;
  const weights = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    weights.set(name.trim(), Number.isFinite(weight) ? weight : 0);
  }
  let best: { name: string; q: number } | undefined;
  for (const name of offered) {
    const q = weights.get(name) ?? weights.get('*') ?? 0;
    if (q > 0 && (!best || q > best.q)) best = { name, q };
  }
  return best?.name;
}
