import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiClient, whoAmI } from '../api/client';
import { ApiFailure } from '../api/problem';
import type { Session, StepUpRequirement } from '../api/types';
import { keyStorage } from './key-storage';

type Phase = 'restoring' | 'signed-out' | 'signed-in';

export interface SessionContextValue {
  readonly phase: Phase;
  readonly session: Session | null;
  readonly client: ApiClient | null;
  /** Why the last session ended, for the sign-in page. */
  readonly endedBecause: string | null;
  /** The last 429/503: the banner shows it with its wait. */
  readonly busy: ApiFailure | null;
  signIn(apiKey: string): Promise<void>;
  signOut(reason?: string): void;
  dismissBusy(): void;
}

const SessionContext = createContext<SessionContextValue | null>(null);

/** Holds who is signed in. Only the key is stored (sessionStorage); `/me` is asked again on load. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [phase, setPhase] = useState<Phase>(() => (keyStorage.read() ? 'restoring' : 'signed-out'));
  const [session, setSession] = useState<Session | null>(null);
  const [apiKey, setApiKey] = useState<string | null>(null);
  const [endedBecause, setEndedBecause] = useState<string | null>(null);
  const [busy, setBusy] = useState<ApiFailure | null>(null);

  const signOut = useCallback((reason?: string) => {
    keyStorage.clear();
    setApiKey(null);
    setSession(null);
    setEndedBecause(reason ?? null);
    setPhase('signed-out');
  }, []);

  const signIn = useCallback(async (key: string) => {
    const me = await whoAmI(key);
    keyStorage.write(key);
    setApiKey(key);
    setSession(me);
    setEndedBecause(null);
    setPhase('signed-in');
  }, []);

  useEffect(() => {
    const stored = keyStorage.read();
    if (!stored) return;
    signIn(stored).catch((error: unknown) => {
      const refused = error instanceof ApiFailure && error.status === 401;
      signOut(refused ? 'Your API key is no longer accepted. Sign in again.' : undefined);
    });
  }, [signIn, signOut]);

  const client = useMemo(
    () =>
      apiKey
        ? new ApiClient(apiKey, {
            onUnauthenticated: () => signOut('Your API key is no longer accepted. Sign in again.'),
            onBusy: setBusy,
          })
        : null,
    [apiKey, signOut],
  );

  const value = useMemo<SessionContextValue>(
    () => ({
      phase,
      session,
      client,
      endedBecause,
      busy,
      signIn,
      signOut,
      dismissBusy: () => setBusy(null),
    }),
    [phase, session, client, endedBecause, busy, signIn, signOut],
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
