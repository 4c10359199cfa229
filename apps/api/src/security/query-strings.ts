import { isKnownQueryName } from '../http/query-names';

const REDACTED = '[redacted]';

function decoded(name: string): string | undefined {
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

/**
 * A request target fit for the log: the path as sent, every query value replaced by
 * `[redacted]`, and a parameter name kept only when a route reads it —
 * `/audit?accountId=[redacted]&limit=[redacted]`. A client may put anything in a query
 * string (an API key, a card number, an e-mail address); the log keeps its shape only.
 */
export function redactQuery(url: string): string {
  const start = url.indexOf('?');
  if (start < 0) return url;
  const hash = url.indexOf('#', start);
  const query = url.slice(start + 1, hash < 0 ? undefined : hash);
  const parts = query
    .split('&')
    .filter((part) => part !== '')
    .map((part) => {
      const name = decoded(part.split('=', 1)[0]!);
      return `${name !== undefined && isKnownQueryName(name) ? name : REDACTED}=${REDACTED}`;
    });
  return `${url.slice(0, start)}?${parts.join('&')}`;
}

// A path followed by a query string, in any text: a log message, an error's stack.
const URL_WITH_QUERY = /(\/[^\s?"'\\]*)\?([^\s"'\\#]*)/g;

/**
 * The log's last line of defence for query strings: any `…/path?query` in a log line
 * (an error message quoting a URL, say) has its query redacted as by `redactQuery`.
 * Idempotent, so a URL the request serializer already redacted stays as it is.
 */
export function redactQueryStrings(text: string): string {
  return text.replace(URL_WITH_QUERY, (_match, path: string, query: string) =>
    redactQuery(`${path}?${query}`),
  );
}
