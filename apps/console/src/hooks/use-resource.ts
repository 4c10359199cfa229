import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { ApiFailure, networkProblem } from '../api/problem';
import { useSession } from '../session/session';

export interface Resource<T> {
  readonly data: T | undefined;
  readonly error: ApiFailure | undefined;
  readonly loading: boolean;
  /** When the data shown was fetched (ms since the epoch), for ages counted on from it. */
  readonly updatedAt: number;
  reload(): void;
}

export function asFailure(error: unknown): ApiFailure {
  return error instanceof ApiFailure ? error : new ApiFailure(networkProblem());
}

/**
 * A read, cached per signed-in actor under `key` (TanStack Query): loading, data or the
 * API's problem, reload. Answers for inputs no longer shown are never displayed.
 */
export function useResource<T>(
  key: readonly (string | number)[],
  load: () => Promise<T>,
  options: { readonly refetchIntervalMs?: number; readonly keepPrevious?: boolean } = {},
): Resource<T> {
  const { session } = useSession();
  const query = useQuery<T, ApiFailure>({
    queryKey: [session?.actorId ?? '', ...key],
    queryFn: () => load().catch((error: unknown) => Promise.reject(asFailure(error))),
    ...(options.refetchIntervalMs ? { refetchInterval: options.refetchIntervalMs } : {}),
    ...(options.keepPrevious ? { placeholderData: keepPreviousData } : {}),
  });
  return {
    data: query.data,
    error: query.error ?? undefined,
    loading: query.isFetching,
    updatedAt: query.dataUpdatedAt,
    reload: () => void query.refetch(),
  };
}
