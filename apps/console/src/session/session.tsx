import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import { ApiClient, signInMethods, whoAmI, whoAmIBySession } from '../api/client';
import { ApiFailure, plainWords } from '../api/problem';
import type { Session, SignInMethods, StepUpRequirement } from '../api/types';
import { keyStorage } from './key-storage';

type Phase = 'restoring' | 'signed-out' | 'signed-in';

/** A 429 or 503 and when it arrived, for the banner's countdown. */
export interface Busy {
  readonly failure: ApiFailure;
  readonly at: number;
}

export interface SessionContextValue {
  readonly phase: Phase;
  readonly session: Session | null;
  readonly client: ApiClient | null;
  /** How the server lets people sign in (null until known). */
  readonly methods: SignInMethods | null;
  /** Why the last session ended, for the sign-in page. */
  readonly endedBecause: string | null;
  readonly busy: Busy | null;
  signIn(apiKey: string): Promise<void>;
  /** Ends the session (at the identity provider too, after single sign-on). */
  signOut(reason?: string): void;
  dismissBusy(): void;
}

const SessionContext = createContext<SessionContextValue | null>(null);
const NO_LONGER_ACCEPTED = 'Your API key is no longer accepted. Sign in again.';
const meKey = (apiKey: string | null) => ['me', apiKey ?? 'session cookie'];

/** Why a session ended, in the words the sign-in page shows. */
function endedWords(failure: ApiFailure, singleSignOn: boolean): string {
  if (failure.code === 'SESSION_ENDED' && failure.problem.detail) return failure.problem.detail;
  return singleSignOn ? 'Your sign-in is no longer accepted. Sign in again.' : NO_LONGER_ACCEPTED;
}

/**
 * Who is signed in: either a pasted API key (development only; kept in sessionStorage) or
 * a single sign-on session (an httpOnly cookie the page cannot read). Who it is comes
 * from `/me`, asked again when the page loads, so an ended session, a revoked key or
 * changed roles show at once.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const queries = useQueryClient();
  const [apiKey, setApiKey] = useState<string | null>(() => keyStorage.read());
  // False once signed out here: no cookie session to ask about until the next sign-in.
  const [cookieSession, setCookieSession] = useState(true);
  const [ended, setEnded] = useState<string | null>(null);
  const [busy, setBusy] = useState<Busy | null>(null);
  const methods = useQuery<SignInMethods, ApiFailure>({
    queryKey: ['sign-in methods'],
    queryFn: signInMethods,
    retry: false,
    staleTime: Infinity,
  });
  const me = useQuery<Session, ApiFailure>({
    queryKey: meKey(apiKey),
    queryFn: () => (apiKey !== null ? whoAmI(apiKey) : whoAmIBySession()),
    enabled: apiKey !== null || cookieSession,
    retry: false,
    staleTime: Infinity,
  });

  useEffect(() => {
    if (me.error && apiKey !== null) keyStorage.clear();
  }, [me.error, apiKey]);

  /** Forget the session here (the server has ended it, or is being told to). */
  const forget = useCallback(
    (reason: string | null) => {
      keyStorage.clear();
      setApiKey(null);
      setCookieSession(false);
      setEnded(reason);
      queries.clear();
    },
    [queries],
  );

  const reportBusy = useCallback((failure: ApiFailure) => {
    setBusy({ failure, at: Date.now() });
  }, []);
  const session = me.data && (apiKey !== null || cookieSession) ? me.data : null;
  const csrfToken = session?.signIn?.csrfToken;
  const client = useMemo(() => {
    if (!session) return null;
    const events = {
      onUnauthenticated: (failure: ApiFailure) => forget(endedWords(failure, apiKey === null)),
      onBusy: reportBusy,
    };
    if (apiKey !== null) return new ApiClient({ apiKey }, events);
    return csrfToken ? new ApiClient({ csrfToken }, events) : null;
  }, [session, apiKey, csrfToken, forget, reportBusy]);

  const signOut = useCallback(
    (reason?: string) => {
      if (client?.singleSignOn) {
        // The server ends the session, then the provider's own (RP-initiated logout).
        void client.signOut().then(
          ({ endSessionUrl }) => {
            forget(reason ?? null);
            if (endSessionUrl) window.location.assign(endSessionUrl);
          },
          () => forget(reason ?? null),
        );
        return;
      }
      forget(reason ?? null);
    },
    [client, forget],
  );

  const signIn = useCallback(
    async (key: string) => {
      await queries.fetchQuery({ queryKey: meKey(key), queryFn: () => whoAmI(key), retry: false });
      keyStorage.write(key);
      setEnded(null);
      setApiKey(key);
    },
    [queries],
  );

  const phase: Phase = session
    ? 'signed-in'
    : (apiKey !== null || cookieSession) && me.isPending
      ? 'restoring'
      : 'signed-out';
  // A page load without a session cookie is simply signed out; an ended session says why.
  const restoreFailed =
    me.error && (apiKey !== null || me.error.code === 'SESSION_ENDED')
      ? me.error.status === 401
        ? endedWords(me.error, apiKey === null)
        : plainWords(me.error.problem)
      : null;
  const value = useMemo<SessionContextValue>(
    () => ({
      phase,
      session,
      client: session ? client : null,
      methods: methods.data ?? null,
      endedBecause: ended ?? restoreFailed,
      busy,
      signIn,
      signOut,
      dismissBusy: () => setBusy(null),
    }),
    [phase, session, client, methods.data, ended, restoreFailed, busy, signIn, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in session and its client; screens behind sign-in only. */
export function useSignedIn(): { session: Session; client: ApiClient } {
  const { session, client } = useSession();
  if (!session || !client) throw new Error('useSignedIn on a screen without a session');
  return { session, client };
}

/** Whether the key's roles pass the route guard for `route` (the server still decides). */
export function can(session: Session, route: string): boolean {
  return session.routes.includes(route);
}

/** Whether `route` will ask for a step-up code for this amount (from `/me`). */
export function needsStepUp(session: Session, route: string, amount = 0): boolean {
  const requirement: StepUpRequirement | undefined = session.stepUp[route];
  if (requirement === undefined || requirement === 'never') return false;
  if (requirement === 'always') return true;
  return amount > requirement.above;
}

/**
 * Sends the browser through the identity provider again (a step-up: fresh sign-in with a
 * second factor), back to the screen it is on now.
 */
export function stepUpAtProvider(): void {
  const here = `${window.location.pathname}${window.location.search}`;
  window.location.assign(`/auth/login?stepUp=1&returnTo=${encodeURIComponent(here)}`);
}
