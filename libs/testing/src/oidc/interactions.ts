import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Provider } from 'oidc-provider';
import { TEST_ACR_MFA, TEST_ACR_PASSWORD, TEST_OTP, type TestUser } from './test-users';

/**
 * The provider's login page: a plain HTML form (username, password, optional one-time code)
 * at `/interaction/:uid`, posted to `/interaction/:uid/login`. A correct one-time code makes
 * the sign-in multi-factor (`acr` TEST_ACR_MFA, `amr` pwd+otp+mfa). The test-only field
 * `auth_age` (seconds) back-dates the authentication, so a test can hold a token whose
 * `auth_time` is stale without waiting.
 */
export async function handleInteraction(
  provider: Provider,
  users: () => readonly TestUser[],
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const [, , uid, action] = (req.url ?? '').split('?')[0]!.split('/');
  if (req.method === 'GET' && action === undefined) {
    await provider.interactionDetails(req, res);
    return page(res, 200, loginForm(uid!, ''));
  }
  if (req.method === 'POST' && action === 'login') {
    await provider.interactionDetails(req, res);
    const form = new URLSearchParams(await bodyOf(req));
    const user = users().find(
      (u) => u.username === form.get('username') && u.password === form.get('password'),
    );
    const otp = form.get('otp') ?? '';
    if (!user || (otp !== '' && otp !== (user.otp ?? TEST_OTP))) {
      return page(res, 200, loginForm(uid!, 'Wrong username, password or code.'));
    }
    const mfa = otp !== '';
    const age = Number(form.get('auth_age') ?? '0');
    return provider.interactionFinished(
      req,
      res,
      {
        login: {
          accountId: user.sub,
          acr: mfa ? TEST_ACR_MFA : TEST_ACR_PASSWORD,
          amr: mfa ? ['pwd', 'otp', 'mfa'] : ['pwd'],
          ts: Math.floor(Date.now() / 1000) - (Number.isFinite(age) ? age : 0),
          remember: true,
        },
      },
      { mergeWithLastSubmission: false },
    );
  }
  if (action === 'abort') {
    return provider.interactionFinished(
      req,
      res,
      { error: 'access_denied', error_description: 'The user cancelled the sign-in.' },
      { mergeWithLastSubmission: false },
    );
  }
  page(res, 404, '<p>Not found</p>');
}

function bodyOf(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (text += chunk));
    req.on('end', () => resolve(text));
    req.on('error', reject);
  });
}

function page(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
  });
  res.end(
    `<!doctype html><html lang="en"><head><title>Test identity provider</title></head><body>${body}</body></html>`,
  );
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function loginForm(uid: string, error: string): string {
  const base = `/interaction/${encodeURIComponent(uid)}`;
  return `<h1>Sign in</h1>
${error ? `<p role="alert">${escape(error)}</p>` : ''}
<form method="post" action="${base}/login">
  <label>Username <input name="username" autocomplete="username" autofocus></label>
  <label>Password <input name="password" type="password" autocomplete="current-password"></label>
  <label>One-time code <input name="otp" inputmode="numeric" autocomplete="one-time-code"></label>
  <button type="submit">Sign in</button>
</form>
<p><a href="${base}/abort">Cancel</a></p>`;
}
