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
import { ApiClient, whoAmI } from '../api/client';
import { ApiFailure, plainWords } from '../api/problem';
import type { Session, StepUpRequirement } from '../api/types';
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
  /** Why the last session ended, for the sign-in page. */
  readonly endedBecause: string | null;
  readonly busy: Busy | null;
  signIn(apiKey: string): Promise<void>;
  signOut(reason?: string): void;
  dismissBusy(): void;
}

const SessionContext = createContext<SessionContextValue | null>(null);
const NO_LONGER_ACCEPTED = 'Your API key is no longer accepted. Sign in again.';
const meKey = (apiKey: string | null) => ['me', apiKey];

/**
 * Who is signed in. Only the key is stored (sessionStorage); who it is comes from `/me`,
 * asked again when the page loads, so a revoked key or changed roles show at once.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const queries = useQueryClient();
  const [apiKey, setApiKey] = useState<string | null>(() => keyStorage.read());
  const [ended, setEnded] = useState<string | null>(null);
  const [busy, setBusy] = useState<Busy | null>(null);
  const me = useQuery<Session, ApiFailure>({
    queryKey: meKey(apiKey),
    queryFn: () => whoAmI(apiKey as string),
    enabled: apiKey !== null,
    retry: false,
    staleTime: Infinity,
  });

  useEffect(() => {
    if (me.error) keyStorage.clear();
  }, [me.error]);

  const signOut = useCallback(
    (reason?: string) => {
      keyStorage.clear();
      setApiKey(null);
      setEnded(reason ?? null);
      queries.clear();
    },
    [queries],
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

  const reportBusy = useCallback((failure: ApiFailure) => {
    setBusy({ failure, at: Date.now() });
  }, []);
  const client = useMemo(
    () =>
      apiKey
        ? new ApiClient(apiKey, {
            onUnauthenticated: () => signOut(NO_LONGER_ACCEPTED),
            onBusy: reportBusy,
          })
        : null,
    [apiKey, signOut, reportBusy],
  );

  const session = apiKey !== null && me.data ? me.data : null;
  const phase: Phase = session
    ? 'signed-in'
    : apiKey !== null && me.isPending
      ? 'restoring'
      : 'signed-out';
  const restoreFailed = me.error
    ? me.error.status === 401
      ? NO_LONGER_ACCEPTED
      : plainWords(me.error.problem)
    : null;
  const value = useMemo<SessionContextValue>(
    () => ({
      phase,
      session,
      client: session ? client : null,
      endedBecause: ended ?? restoreFailed,
      busy,
      signIn,
      signOut,
      dismissBusy: () => setBusy(null),
    }),
    [phase, session, client, ended, restoreFailed, busy, signIn, signOut],
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
