import { useCallback, useState } from 'react';
import type { ManageMethod } from '../api/client';
import type { ApiFailure } from '../api/problem';
import { useSignedIn } from '../session/session';
import { asFailure } from './use-resource';

/**
 * An admin's call on something that is not an account (a webhook endpoint): one at a time,
 * with its failure kept for the page to show. Safe to repeat by nature (set a flag, delete,
 * re-send dead letters), so there is no Idempotency-Key to keep across retries.
 */
export function useManage() {
  const { client } = useSignedIn();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const run = useCallback(
    async <T>(method: ManageMethod, path: string, body?: object): Promise<T | undefined> => {
      setBusy(true);
      setFailure(null);
      try {
        return await client.manage<T>(method, path, body);
      } catch (error) {
        setFailure(asFailure(error));
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [client],
  );
  return { run, busy, failure };
}
