import { ConsoleSessions, type SessionEnd } from '../sign-in/console-sessions';
import type { ConsoleSignIn } from '../sign-in/console-sign-in';
import type { SessionPerson } from '../sign-in/person-verifier';
import type { ApiRequest } from './request-context';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** What a console session cookie came to. */
export type SessionLookup =
  | { readonly person: SessionPerson; readonly refusal?: undefined }
  | { readonly person?: undefined; readonly refusal: SessionEnd | 'csrf' };

/**
 * A request without `Authorization` but with the console's session cookie: the person the
 * session was signed in as (their access token judged by the bearer-token verifier at
 * sign-in and at each step-up, so the same roles and step-up facts). Unsafe methods need
 * the session's CSRF token in `X-CSRF-Token` and, when the browser sends an Origin, this
 * API's own. Undefined when there is no session cookie (or no single sign-on).
 */
export async function lookUpSession(
  request: ApiRequest,
  signIn: ConsoleSignIn,
): Promise<SessionLookup | undefined> {
  // Without single sign-on there are no sessions: a cookie is not even looked up.
  if (!signIn.relyingParty) return undefined;
  const cookies = signIn.cookies;
  const id = cookies.read(request, cookies.session);
  if (id === undefined) return undefined;
  const live = await signIn.sessions.resolve(id);
  if (!('session' in live)) return { refusal: live.ended };
  const session = live.session;
  if (!SAFE_METHODS.has(request.method)) {
    const origin = request.headers.origin;
    const csrf = request.headers['x-csrf-token'];
    const sameOrigin = origin === undefined || origin === signIn.origin;
    const token = typeof csrf === 'string' ? csrf : undefined;
    if (!sameOrigin || !ConsoleSessions.csrfMatches(session, token)) return { refusal: 'csrf' };
  }
  request.consoleSession = session;
  return { person: session.person };
}
