import { useCallback, useRef, useState } from 'react';
import { v4 as uuid } from 'uuid';
import type { WriteMethod } from '../api/client';
import type { ApiFailure } from '../api/problem';
import { needsStepUp, useSignedIn } from '../session/session';
import { asFailure } from './use-resource';

export interface WriteRequest {
  readonly method: WriteMethod;
  readonly path: string;
  readonly body: object;
  /** The amount the step-up rule is about (a refund's, a top-up's). */
  readonly amount?: number;
}

export type WriteState<T> =
  | { readonly phase: 'idle' }
  | { readonly phase: 'sending'; readonly withCode: boolean }
  | { readonly phase: 'code'; readonly rejected: boolean }
  | { readonly phase: 'failed'; readonly failure: ApiFailure }
  | { readonly phase: 'done'; readonly result: T };

/**
 * One user intent that writes: its Idempotency-Key is made once, when the intent starts,
 * and sent again on every retry — after no answer, a 429, a 503, or with a step-up code —
 * so the server runs it at most once. A new key is made only after success.
 *
 * The step-up code is asked for before sending when `/me` says the route needs one for
 * this amount, and whenever the server answers 403 `STEP_UP_REQUIRED`. After single
 * sign-on the dialog sends the person through the identity provider instead.
 */
export function useWrite<T>(route: string) {
  const { session, client } = useSignedIn();
  const [key, setKey] = useState(() => uuid());
  const [state, setState] = useState<WriteState<T>>({ phase: 'idle' });
  const request = useRef<WriteRequest | null>(null);

  const attempt = useCallback(
    async (code?: string): Promise<T | undefined> => {
      const pending = request.current;
      if (!pending) return undefined;
      setState({ phase: 'sending', withCode: !!code });
      try {
        const result = await client.write<T>(pending.method, pending.path, pending.body, {
          idempotencyKey: key,
          ...(code ? { stepUpCode: code } : {}),
        });
        setState({ phase: 'done', result });
        setKey(uuid());
        request.current = null;
        return result;
      } catch (error) {
        const failure = asFailure(error);
        if (failure.code === 'STEP_UP_REQUIRED') setState({ phase: 'code', rejected: !!code });
        else setState({ phase: 'failed', failure });
        return undefined;
      }
    },
    [client, key],
  );

  const send = useCallback(
    (next: WriteRequest) => {
      request.current = next;
      // After single sign-on the server judges the sign-in's age and factors: send, and
      // go through the provider again only if it answers STEP_UP_REQUIRED.
      if (!client.singleSignOn && needsStepUp(session, route, next.amount)) {
        setState({ phase: 'code', rejected: false });
        return Promise.resolve(undefined);
      }
      return attempt();
    },
    [attempt, client, route, session],
  );

  const codePrompt = {
    open: state.phase === 'code' || (state.phase === 'sending' && state.withCode),
    rejected: state.phase === 'code' && state.rejected,
    sending: state.phase === 'sending',
  };
  return {
    state,
    /** For the StepUpDialog: shown while a code is asked for and while it is checked. */
    codePrompt,
    send,
    submitCode: (code: string) => attempt(code),
    retry: () => attempt(),
    cancelCode: () => setState({ phase: 'idle' }),
  };
}
