import type { Response } from 'express';
import { ApiError } from '../http/problem';
import { ConsoleSessions } from '../sign-in/console-sessions';
import type { ConsoleSignIn } from '../sign-in/console-sign-in';
import type { SessionPerson } from '../sign-in/person-verifier';
import type { ApiRequest } from './request-context';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The sentence the console shows when a session has ended, by why. */
const ENDED: Readonly<Record<string, string>> = {
  idle: 'Your session ended after a period without activity. Sign in again.',
  absolute: 'Your session reached its maximum length. Sign in again.',
  unknown: 'Your session has ended. Sign in again.',
};

/**
 * A request without `Authorization` but with the console's session cookie: the person the
 * session was signed in as (their access token judged by the bearer-token verifier at
 * sign-in and at each step-up, so the same roles and step-up facts). Unsafe methods need
 * the session's CSRF token in `X-CSRF-Token` and, when the browser sends an Origin, this
 * API's own. Returns undefined when there is no cookie.
 */
export function sessionPerson(
  request: ApiRequest,
  response: Response | undefined,
  signIn: ConsoleSignIn,
): Promise<SessionPerson | undefined> {
  // Once per request: the rate limiter asks first, then the guard.
  let found = resolved.get(request);
  if (!found) {
    found = lookUp(request, signIn);
    resolved.set(request, found);
  }
  return found.catch((error: unknown) => {
    if (response && error instanceof ApiError && error.problem.code === 'SESSION_ENDED') {
      signIn.cookies.clear(response, signIn.cookies.session);
    }
    throw error;
  });
}

const resolved = new WeakMap<ApiRequest, Promise<SessionPerson | undefined>>();

async function lookUp(
  request: ApiRequest,
  signIn: ConsoleSignIn,
): Promise<SessionPerson | undefined> {
  const cookies = signIn.cookies;
  const id = cookies.read(request, cookies.session);
  if (id === undefined) return undefined;
  const live = await signIn.sessions.resolve(id);
  if (!('session' in live)) {
    throw new ApiError(401, 'SESSION_ENDED', ENDED[live.ended]!, {
      details: { reason: live.ended },
    });
  }
  const session = live.session;
  if (!SAFE_METHODS.has(request.method)) {
    const origin = request.headers.origin;
    const csrf = request.headers['x-csrf-token'];
    const sameOrigin = origin === undefined || origin === signIn.origin;
    if (
      !sameOrigin ||
      !ConsoleSessions.csrfMatches(session, typeof csrf === 'string' ? csrf : undefined)
    ) {
      throw new ApiError(
        403,
        'CSRF_TOKEN_INVALID',
        'A write from a console session needs its X-CSRF-Token header, from this origin.',
      );
    }
  }
  request.consoleSession = session;
  return session.person;
}
