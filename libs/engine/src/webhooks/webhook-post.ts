import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { allowedAddresses, checkWebhookUrl, urlHost, type GuardOptions } from './address-guard';

export interface WebhookPost {
  readonly url: string;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
  /** The whole attempt (connect, send, response head) must finish within this. */
  readonly timeoutMs: number;
}

/** How an attempt ended; the response body is read and thrown away, never kept. */
export type WebhookPostResult =
  | { readonly ok: true; readonly status: number }
  | { readonly ok: false; readonly status: number | null; readonly error: string };

/**
 * A lookup for the HTTP client that resolves the host itself and hands over only
 * addresses the guard allowed: the connection goes to the address that was checked, so a
 * DNS answer that changes between the check and the connect cannot slip a private
 * address in.
 */
function guardedLookup(options: GuardOptions): LookupFunction {
  return (hostname, lookupOptions, callback) => {
    allowedAddresses(hostname.replace(/^\[(.*)\]$/, '$1'), options).then(
      (addresses) => {
        if (lookupOptions.all) {
          (callback as (e: null, a: Array<{ address: string; family: number }>) => void)(
            null,
            addresses.map((a) => ({ address: a.address, family: a.family })),
          );
        } else {
          callback(null, addresses[0]!.address, addresses[0]!.family);
        }
      },
      (error: Error) => callback(error as NodeJS.ErrnoException, '', 0),
    );
  };
}

/**
 * POSTs one webhook: the URL is checked again (the guard runs at every delivery), the
 * connection goes only to allowed addresses, redirects are not followed (a 3xx is a
 * failure), and the attempt is abandoned after `timeoutMs`.
 */
export async function postWebhook(
  post: WebhookPost,
  guard: GuardOptions,
): Promise<WebhookPostResult> {
  let url: URL;
  try {
    url = await checkWebhookUrl(post.url, guard);
  } catch (error) {
    return { ok: false, status: null, error: (error as Error).message };
  }
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<WebhookPostResult>((resolve) => {
    let settled = false;
    const finish = (result: WebhookPostResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const req = send(
      url,
      {
        method: 'POST',
        headers: {
          ...post.headers,
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(post.body)),
          'user-agent': 'account-ops-webhooks/1',
        },
        lookup: guardedLookup(guard),
        // An IP literal host skips lookup, so it was checked by checkWebhookUrl above.
        ...(isIP(urlHost(url)) ? {} : { servername: urlHost(url) }),
        agent: false,
      },
      (res: IncomingMessage) => {
        // Drained and dropped: response bodies are never stored.
        res.resume();
        const status = res.statusCode ?? 0;
        if (status >= 200 && status < 300) finish({ ok: true, status });
        else if (status >= 300 && status < 400)
          finish({ ok: false, status, error: `redirect (${status}) not followed` });
        else finish({ ok: false, status, error: `HTTP ${status}` });
        res.on('error', () => undefined);
      },
    );
    const timer = setTimeout(() => {
      finish({ ok: false, status: null, error: `timed out after ${post.timeoutMs} ms` });
      req.destroy();
    }, post.timeoutMs);
    req.on('error', (error) => finish({ ok: false, status: null, error: error.message }));
    req.end(post.body);
  });
}
