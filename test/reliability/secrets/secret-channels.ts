import request from 'supertest';
import { keyOf } from '../../../apps/api/test/support/actors';
import { ROUTE_NAMES, ROUTES } from '../../../apps/api/src/routes/route-table';
import type { ReliabilityApi } from '../http/reliability-api';

/** What a channel may carry: the secrets and personal data of the secrets file. */
export interface ChannelSecrets {
  readonly cards: readonly string[];
  readonly personal: readonly string[];
}

/**
 * A way secrets reach the app. Each sends its requests (any answer will do) and returns
 * how many it sent; the file's final scan must then find none of the secrets in any row,
 * file, log line or response.
 */
export interface SecretChannel {
  readonly name: string;
  send(api: ReliabilityApi, accountId: string, secrets: ChannelSecrets): Promise<number>;
}

const concrete = (path: string, accountId: string) =>
  path.replace(':id', accountId).replace(/:\w+/g, 'x-1');

/**
 * Query strings carrying API keys (as a value and as a parameter name), every card number
 * (as `card=` and as the value of `limit`, which routes read) and the personal data (as
 * `accountId=`, which `/audit` reads, and as `q=`), and a key after `#`.
 */
function secretQueries({ cards, personal }: ChannelSecrets): string[] {
  const key = keyOf('admin');
  return [
    `api_key=${key}`,
    `${keyOf('system')}=1`,
    `accountId=${encodeURIComponent(personal[1] ?? '')}&limit=${cards[0]}`,
    ...cards.map((card) => `card=${card}&cvv=123`),
    // Raw where a URL allows it (an e-mail address), so the log scan can find it verbatim.
    ...personal.map((value) => `q=${encodeURIComponent(value).replace(/%40/g, '@')}`),
    `token=${encodeURIComponent(key)}#${key}`,
  ];
}

/**
 * Query strings on every route (and on /health, /metrics, /docs and an unknown path): API
 * keys as a value and as a parameter name, card numbers and personal data as values of
 * parameters routes read (`accountId`, `limit`) and of ones they do not, percent-encoded
 * too. The request log keeps the path and the known parameter names only.
 */
export const QUERY_STRINGS: SecretChannel = {
  name: 'query strings',
  async send(api, accountId, secrets) {
    const queries = secretQueries(secrets);
    const paths = [
      ...ROUTE_NAMES.map((name) => ROUTES[name]).map((route) => ({
        method: route.method,
        path: concrete(route.path, accountId),
      })),
      // Not /docs/openapi.json: its card-change example is the public test PAN 4111… .
      ...['/docs', '/no/such/route'].map((path) => ({ method: 'GET', path })),
    ];
    let sent = 0;
    for (const { method, path } of paths) {
      for (const query of queries) {
        await request(api.server)
          [method.toLowerCase() as 'get' | 'post' | 'put' | 'delete'](`${path}?${query}`)
          .set('Authorization', `Bearer ${keyOf(method === 'GET' ? 'auditor' : 'admin')}`)
          .set('Idempotency-Key', `query-${sent}`);
        sent++;
      }
    }
    return sent;
  },
};

/**
 * The ops console's traffic that is not already an API route: its page loads (the entry,
 * bookmarkable deep links, a hashed asset that does not exist) with the same query strings.
 * Its API calls are routes of the table, so QUERY_STRINGS covers them; the browser suite
 * (apps/console/test) checks that the console itself never puts a key, code or personal
 * data into a URL.
 */
export const CONSOLE_PAGES: SecretChannel = {
  name: 'console pages',
  async send(api, accountId, secrets) {
    const pages = [
      '/console',
      `/console/accounts/${accountId}`,
      '/console/queue',
      '/console/assets/missing.js',
    ];
    let sent = 0;
    for (const page of pages) {
      for (const query of secretQueries(secrets)) {
        await request(api.server).get(`${page}?${query}`);
        sent++;
      }
    }
    return sent;
  },
};

/** Every channel the secrets file pushes secrets through after its own requests. */
export const SECRET_CHANNELS: readonly SecretChannel[] = [QUERY_STRINGS, CONSOLE_PAGES];
